import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  BED_FUNCTIONS,
  CAPABILITIES,
  type Branch,
  type Capability,
  type Condition,
  type Provenance,
} from '../../libs/scenario/src/types';
import { expectedDemand, summarise } from '../../scripts/data/expected-census';
import { readReference } from '../../scripts/data/miyagi/reference';
import { renderMiyagi } from '../../scripts/data/miyagi/render';
import { REGION_FILES } from '../../scripts/data/region-files';
import { haversineKm } from '../../scripts/data/transport-check';
import {
  AREA_POPULATION,
  BEDS_2022,
  MUNICIPALITY_2020,
  ROOT,
  SENDAI_CITY_2020,
  SENDAI_WARD_CODES,
  miyagi,
} from './miyagi-region';

const { region, files } = miyagi();
const areaIds = region.areas.map((a) => a.id);
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const total = (bands: Record<string, number>) => sum(AGE_BANDS.map((b) => bands[b]));

describe('Miyagi region files', () => {
  it('has every file of the layout, each a mapping with a non-empty sources map of strings', () => {
    expect(Object.keys(files).sort()).toEqual([...REGION_FILES].sort());
    for (const [name, body] of Object.entries(files)) {
      const sources = body.sources as Record<string, unknown> | undefined;
      expect(sources, name).toBeTypeOf('object');
      expect(Object.keys(sources ?? {}).length, name).toBeGreaterThan(0);
      for (const line of Object.values(sources ?? {}))
        expect(typeof line === 'string' && line.length > 10, name).toBe(true);
    }
  });

  it('names in every provenance.source only keys of the sources map', () => {
    const provenances: Provenance[] = [
      ...(region.provenance ? [region.provenance] : []),
      ...region.municipalities.map((m) => m.provenance ?? {}),
      ...region.hospitals.map((h) => h.provenance ?? {}),
      ...region.ambulanceBases.map((b) => b.provenance ?? {}),
      ...region.conditions.map((c) => c.provenance ?? {}),
      region.arrivalProfiles.provenance ?? {},
      region.transport.provenance ?? {},
    ];
    for (const p of provenances) {
      for (const key of (p.source ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean))
        expect(region.sources).toHaveProperty(key);
    }
  });

  it('keeps ids unique within hospitals, bases, municipalities, conditions and areas', () => {
    for (const list of [
      region.hospitals,
      region.ambulanceBases,
      region.municipalities,
      region.conditions,
      region.areas,
    ]) {
      const ids = list.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('is reproduced byte for byte by the generator from the committed reference figures', () => {
    const referencePath = join(ROOT, 'scripts/data/reference/miyagi-reference.json');
    for (const [path, text] of Object.entries(renderMiyagi(readReference(referencePath)))) {
      expect(readFileSync(join(ROOT, path), 'utf8'), path).toBe(text);
    }
  });
});

describe('areas and municipalities', () => {
  it('has the four secondary medical areas with symmetric adjacency that links Sendai to every other area', () => {
    expect(areaIds).toEqual(['sennan', 'sendai', 'osaki-kurihara', 'ishinomaki-tome-kesennuma']);
    for (const area of region.areas) {
      for (const other of area.adjacent) {
        expect(areaIds).toContain(other);
        expect(region.areas.find((a) => a.id === other)?.adjacent).toContain(area.id);
      }
    }
    expect(region.areas.find((a) => a.id === 'sendai')?.adjacent.sort()).toEqual([
      'ishinomaki-tome-kesennuma',
      'osaki-kurihara',
      'sennan',
    ]);
    expect(region.areas.find((a) => a.id === 'osaki-kurihara')?.adjacent).toContain(
      'ishinomaki-tome-kesennuma',
    );
  });

  it('sums municipal populations to each area total of 2020 and of the 2025 and 2040 projections', () => {
    for (const area of areaIds) {
      const ms = region.municipalities.filter((m) => m.area === area);
      for (const year of ['2020', '2025', '2040'] as const) {
        expect(sum(ms.map((m) => total(m.population[year]))), `${area} ${year}`).toBe(
          AREA_POPULATION[area][year],
        );
      }
    }
  });

  it('keeps the published 2020 census figure of each municipality as the sum of its age bands', () => {
    for (const [code, population] of Object.entries(MUNICIPALITY_2020)) {
      const m = region.municipalities.find((x) => x.id === code);
      expect(m, code).toBeDefined();
      expect(total(m?.population['2020'] ?? {})).toBe(population);
    }
  });

  it("models Sendai city as its five wards, whose 2020 figures sum to the city's", () => {
    const wards = region.municipalities.filter((m) => SENDAI_WARD_CODES.includes(m.id));
    expect(wards.map((m) => m.id)).toEqual(SENDAI_WARD_CODES);
    expect(sum(wards.map((m) => total(m.population['2020'])))).toBe(SENDAI_CITY_2020);
    expect(region.municipalities.find((m) => m.id === '04100')).toBeUndefined();
    for (const m of wards) expect(m.area).toBe('sendai');
  });

  it('gives every municipality non-negative integer age bands for every projection year, flagged as estimated', () => {
    // 35 municipalities, Sendai city counted as its five wards.
    expect(region.municipalities).toHaveLength(39);
    for (const m of region.municipalities) {
      expect(Object.keys(m.population).sort()).toEqual(['2020', '2025', '2030', '2035', '2040']);
      for (const bands of Object.values(m.population)) {
        expect(Object.keys(bands).sort()).toEqual([...AGE_BANDS].sort());
        for (const v of Object.values(bands)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
      expect(m.provenance?.estimated).toBe(true);
      expect(areaIds).toContain(m.area);
      expect(m.id).toMatch(/^04\d{3}$/);
    }
  });

  it('projects a shrinking prefecture whose share aged 75+ grows from 2020 to 2040', () => {
    const prefecture = (year: string) => {
      const bands = Object.fromEntries(
        AGE_BANDS.map((b) => [b, sum(region.municipalities.map((m) => m.population[year][b]))]),
      );
      return { bands, total: total(bands) };
    };
    const years = ['2020', '2025', '2030', '2035', '2040'].map(prefecture);
    for (let i = 1; i < years.length; i += 1) {
      expect(years[i].total).toBeLessThan(years[i - 1].total);
      expect(years[i].bands.age75plus / years[i].total).toBeGreaterThan(
        years[i - 1].bands.age75plus / years[i - 1].total,
      );
    }
    const share65 = (y: { bands: Record<string, number>; total: number }) =>
      (y.bands.age65to74 + y.bands.age75plus) / y.total;
    expect(share65(years[0])).toBeCloseTo(0.281, 2);
    expect(share65(years[4])).toBeCloseTo(0.357, 2);
  });
});

describe('synthetic hospitals', () => {
  it('hold exactly the beds in use of the 2022 bed table per area and function (19,196 in all)', () => {
    for (const area of areaIds) {
      const hs = region.hospitals.filter((h) => h.area === area);
      for (const fn of BED_FUNCTIONS)
        expect(sum(hs.map((h) => h.beds[fn])), `${area} ${fn}`).toBe(BEDS_2022[area][fn]);
    }
    expect(sum(region.hospitals.flatMap((h) => BED_FUNCTIONS.map((fn) => h.beds[fn])))).toBe(19_196);
  });

  it('are flagged synthetic, named as provisional (仮), and number at least 40', () => {
    expect(region.hospitals.length).toBeGreaterThanOrEqual(40);
    for (const h of region.hospitals) {
      expect(h.provenance?.synthetic, h.id).toBe(true);
      expect(h.name.ja).toMatch(/\(仮\)$/);
      expect(h.name.en).toMatch(/^Synthetic /);
    }
  });

  it('sit in an existing municipality of their own area, within 8 km of its centroid', () => {
    for (const h of region.hospitals) {
      const m = region.municipalities.find((x) => x.id === h.municipality);
      expect(m, h.id).toBeDefined();
      expect(m?.area, h.id).toBe(h.area);
      expect(haversineKm(h.lat, h.lng, m?.lat ?? 0, m?.lng ?? 0), h.id).toBeLessThan(8);
    }
  });

  it('have at least 20 beds each, whole and non-negative', () => {
    for (const h of region.hospitals) {
      for (const fn of BED_FUNCTIONS) expect(Number.isInteger(h.beds[fn]) && h.beds[fn] >= 0).toBe(true);
      expect(sum(BED_FUNCTIONS.map((fn) => h.beds[fn])), h.id).toBeGreaterThanOrEqual(20);
      for (const c of h.capabilities) expect(CAPABILITIES).toContain(c);
    }
  });

  it('keep high-acute beds in the few large hospitals that carry the specialised capabilities', () => {
    const withHighAcute = region.hospitals.filter((h) => h.beds.highAcute > 0);
    expect(withHighAcute.length).toBeLessThanOrEqual(15);
    for (const h of withHighAcute)
      expect(
        h.capabilities.some((c) => ['stroke', 'pci', 'cancer', 'paediatrics'].includes(c)),
        h.id,
      ).toBe(true);
    for (const h of region.hospitals.filter((x) => x.capabilities.includes('emergency3')))
      expect(h.beds.highAcute).toBeGreaterThan(0);
  });

  it('give every area a hospital for each capability its conditions need (trauma and tertiary care may come from Sendai)', () => {
    const needed = new Set(
      region.conditions.map((c) => c.capability).filter((c): c is Capability => c !== null),
    );
    for (const area of areaIds) {
      for (const capability of needed) {
        expect(
          region.hospitals.some((h) => h.area === area && h.capabilities.includes(capability)),
          `${area} ${capability}`,
        ).toBe(true);
      }
      for (const capability of ['trauma', 'emergency3'] as const) {
        const local = region.hospitals.some((h) => h.area === area && h.capabilities.includes(capability));
        const adjacent = region.areas.find((a) => a.id === area)?.adjacent ?? [];
        const nearby = region.hospitals.some(
          (h) => adjacent.includes(h.area) && h.capabilities.includes(capability),
        );
        expect(local || nearby, `${area} ${capability}`).toBe(true);
      }
    }
  });
});

describe('ambulance bases', () => {
  it('stand in existing municipalities of their area with at least one vehicle, about 124 in all, flagged estimated', () => {
    for (const b of region.ambulanceBases) {
      const m = region.municipalities.find((x) => x.id === b.municipality);
      expect(m?.area, b.id).toBe(b.area);
      expect(Number.isInteger(b.vehicles) && b.vehicles >= 1).toBe(true);
      expect(b.provenance?.estimated).toBe(true);
    }
    const vehicles = sum(region.ambulanceBases.map((b) => b.vehicles));
    expect(vehicles).toBeGreaterThanOrEqual(120);
    expect(vehicles).toBeLessThanOrEqual(130);
    for (const area of areaIds) expect(region.ambulanceBases.some((b) => b.area === area)).toBe(true);
  });
});

describe('conditions and pathways', () => {
  const branchSum = (branches: Branch[]) => sum(branches.map((b) => b.p));

  it('include the eight conditions, with cancer the only elective one, each flagged estimated', () => {
    expect(region.conditions.map((c) => c.id)).toEqual([
      'stroke',
      'ami',
      'hip-fracture',
      'pneumonia',
      'heart-failure',
      'cancer',
      'childbirth',
      'other-acute',
    ]);
    expect(region.conditions.filter((c) => c.elective).map((c) => c.id)).toEqual(['cancer']);
    for (const c of region.conditions) expect(c.provenance?.estimated, c.id).toBe(true);
  });

  it('have entry and branch probabilities that each sum to 1 and lead only to phases, home or death', () => {
    for (const c of region.conditions) {
      const ids = new Set(c.phases.map((p) => p.id));
      expect(branchSum(c.entry), `${c.id} entry`).toBeCloseTo(1, 9);
      for (const b of c.entry) expect(ids.has(b.to), `${c.id} entry → ${b.to}`).toBe(true);
      for (const phase of c.phases) {
        expect(branchSum(phase.next), `${c.id}.${phase.id}`).toBeCloseTo(1, 9);
        for (const b of [...phase.next, ...c.entry]) {
          expect(b.p).toBeGreaterThan(0);
          expect(b.p).toBeLessThanOrEqual(1);
          expect(ids.has(b.to) || b.to === 'home' || b.to === 'death', `${c.id}.${phase.id} → ${b.to}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('have acyclic pathways in which every phase is reachable and stays are positive', () => {
    for (const c of region.conditions as Condition[]) {
      const reached = new Set<string>();
      const walk = (id: string, path: string[]) => {
        expect(path, `${c.id}: cycle through ${id}`).not.toContain(id);
        reached.add(id);
        for (const b of c.phases.find((p) => p.id === id)?.next ?? [])
          if (b.to !== 'home' && b.to !== 'death') walk(b.to, [...path, id]);
      };
      for (const b of c.entry) walk(b.to, []);
      expect([...reached].sort()).toEqual(c.phases.map((p) => p.id).sort());
      for (const p of c.phases) {
        expect(p.stay.meanDays).toBeGreaterThan(0);
        expect(p.stay.cv).toBeGreaterThan(0);
      }
    }
  });

  it('send a share of every condition through a high-acute phase', () => {
    for (const c of region.conditions)
      expect(
        c.phases.some((p) => p.function === 'highAcute'),
        c.id,
      ).toBe(true);
  });

  it('have shares, amplitudes and peak days within their ranges', () => {
    for (const c of region.conditions) {
      expect(c.ambulanceShare).toBeGreaterThanOrEqual(0);
      expect(c.ambulanceShare).toBeLessThanOrEqual(1);
      expect(c.seasonalAmplitude).toBeGreaterThanOrEqual(0);
      expect(c.seasonalAmplitude).toBeLessThan(1);
      expect(Number.isInteger(c.seasonalPeakDay) && c.seasonalPeakDay >= 0 && c.seasonalPeakDay < 366).toBe(
        true,
      );
      for (const v of Object.values(c.admissionRatePer100k)) expect(v).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('profiles, transport and eligibility', () => {
  const mean = (xs: number[]) => sum(xs) / xs.length;

  it('have arrival profiles of mean 1, with elective admissions on weekdays only', () => {
    const p = region.arrivalProfiles;
    expect(p.hourOfDay).toHaveLength(24);
    expect(p.dayOfWeek).toHaveLength(7);
    expect(p.electiveDayOfWeek).toHaveLength(7);
    for (const profile of [p.hourOfDay, p.dayOfWeek, p.electiveDayOfWeek])
      expect(mean(profile)).toBeCloseTo(1, 9);
    expect(p.electiveDayOfWeek.slice(5)).toEqual([0, 0]);
    expect(Math.min(...p.hourOfDay.slice(2, 6))).toBeLessThan(0.5); // night trough
    expect(Math.max(...p.hourOfDay.slice(8, 12))).toBeGreaterThan(1.3); // morning peak
    expect(p.provenance?.estimated).toBe(true);
  });

  it('make call → scene about 10 minutes from the transport parameters alone', () => {
    const t = region.transport;
    // The model's rule: the local dispersion adds to the road distance (libs/model geo.ts).
    const callToScene = t.dispatchMinutes + (t.localDistanceKm / t.speedKmh) * 60;
    expect(callToScene).toBeGreaterThan(8.5);
    expect(callToScene).toBeLessThan(11.5);
    expect(t.notAdmittedShare).toBe(0.5);
    expect(t.candidateCount).toBe(6);
    expect(t.provenance?.estimated).toBe(true);
  });

  it('has a neutral eligibility default: no check fails, per person or in an outage', () => {
    const e = region.eligibility;
    expect(e.failureRate).toBe(0);
    expect(e.hospitalOutagesPerDay).toBe(0);
    expect(e.regionOutagesPerYear).toBe(0);
  });

  it('flags the eligibility figures as estimates and returns deferred care as existing conditions', () => {
    const e = region.eligibility;
    expect(e.provenance?.estimated).toBe(true);
    for (const key of ['eligibility', 'hodanren', 'onlineChecks', 'outpatientRate'])
      expect(region.sources[key], key).toBeTruthy();
    // Most failed checks are settled with a document at the usual copay (hodanren surveys).
    expect(e.proofShare).toBeGreaterThanOrEqual(0.85);
    expect(e.proofShare).toBeLessThan(1);
    const ids = region.conditions.map((c) => c.id);
    expect(Object.keys(e.returnConditions).length).toBeGreaterThan(0);
    for (const id of Object.keys(e.returnConditions)) expect(ids).toContain(id);
  });

  it('uses the MHLW occupancy targets', () => {
    expect(region.occupancyTargets).toEqual({ highAcute: 0.75, acute: 0.78, recovery: 0.9, chronic: 0.92 });
  });
});

describe('expected census of the 2025 baseline (the calibration aim, issue 5)', () => {
  const s = summarise(region, expectedDemand(region, '2025'));

  it('fills high-acute beds near 75 % (about 1,500 patients a day)', () => {
    expect(s.census.highAcute).toBeGreaterThan(1_350);
    expect(s.census.highAcute).toBeLessThan(1_650);
  });

  it('fills general beds (high-acute + acute + recovery) near 76 % and chronic beds near 90 %', () => {
    expect(s.generalUtilisation).toBeGreaterThan(0.72);
    expect(s.generalUtilisation).toBeLessThan(0.8);
    expect(s.utilisation.chronic).toBeGreaterThan(0.86);
    expect(s.utilisation.chronic).toBeLessThan(0.94);
    for (const fn of BED_FUNCTIONS) {
      expect(s.utilisation[fn], fn).toBeGreaterThan(0.65);
      expect(s.utilisation[fn], fn).toBeLessThan(0.95);
    }
  });

  it('keeps untuned figures plausible: general-bed stay near 15.7 days and admissions near the national rate', () => {
    expect(s.generalStayDays).toBeGreaterThan(13.5);
    expect(s.generalStayDays).toBeLessThan(17.5);
    expect(s.chronicStayDays).toBeCloseTo(132, 0);
    expect(s.admissionsPer100k).toBeGreaterThan(11_000);
    expect(s.admissionsPer100k).toBeLessThan(14_000);
  });
});
