import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  BED_FUNCTIONS,
  CAPABILITIES,
  FIVE_YEAR_BANDS,
  FIVE_YEAR_BAND_AGE_BAND,
  type Branch,
  type Capability,
  type Condition,
  type Provenance,
} from '../../libs/scenario/src/types';
import { institutionCodeProblem } from '../../libs/scenario/src/region/institution-code';
import { expectedDemand, municipalAdmissions, summarise, wardOf } from '../../scripts/data/expected-census';
import { readReference } from '../../scripts/data/miyagi/reference';
import { renderMiyagi } from '../../scripts/data/miyagi/render';
import { REGION_FILES } from '../../scripts/data/region-files';
import { haversineKm } from '../../scripts/data/transport-check';
import {
  AREA_POPULATION,
  BEDS_2022,
  MIYAGI_2020_BY_SEX,
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

  it('each carry a well-formed 医療機関コード of Miyagi (04, 医科, check digit), none twice', () => {
    const codes = region.hospitals.map((h) => h.institutionCode ?? '');
    for (const [i, code] of codes.entries()) {
      expect(institutionCodeProblem(code), region.hospitals[i]?.id).toBeNull();
      expect(code.slice(0, 3)).toBe('041');
    }
    expect(new Set(codes).size).toBe(codes.length);
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

  it('include the eight conditions, each flagged estimated, booked ahead in shares that leave room for their ambulance share', () => {
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
    for (const c of region.conditions) {
      expect(c.provenance?.estimated, c.id).toBe(true);
      expect(c.scheduledShare + c.ambulanceShare, c.id).toBeLessThanOrEqual(1);
    }
    const share = (id: string) => region.conditions.find((c) => c.id === id)?.scheduledShare;
    // Cancer is mostly booked (surgery, chemotherapy); stroke and AMI hardly ever (demand-inputs.md §3).
    expect(share('cancer')).toBeGreaterThan(0.8);
    expect(share('stroke')).toBeLessThan(0.1);
    expect(share('ami')).toBeLessThan(0.1);
    expect(share('pneumonia')).toBe(0);
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
        c.phases.some((p) => wardOf(region, p) === 'highAcute'),
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

  it('have arrival profiles of mean 1, with scheduled admissions on weekdays only', () => {
    const p = region.arrivalProfiles;
    expect(p.hourOfDay).toHaveLength(24);
    expect(p.dayOfWeek).toHaveLength(7);
    expect(p.scheduledDayOfWeek).toHaveLength(7);
    for (const profile of [p.hourOfDay, p.dayOfWeek, p.scheduledDayOfWeek])
      expect(mean(profile)).toBeCloseTo(1, 9);
    expect(p.scheduledDayOfWeek.slice(5)).toEqual([0, 0]);
    expect(Math.min(...p.hourOfDay.slice(2, 6))).toBeLessThan(0.5); // night trough
    expect(Math.max(...p.hourOfDay.slice(8, 12))).toBeGreaterThan(1.3); // morning peak
    expect(p.provenance?.estimated).toBe(true);
  });

  it('make call → scene under the national 10 minutes from the own base, leaving the rest to waits and farther bases', () => {
    const t = region.transport;
    // Call handling and turn-out only (2–3 min): waiting for a crew is the queue's, not a delay.
    expect(t.dispatchMinutes).toBeGreaterThanOrEqual(2);
    expect(t.dispatchMinutes).toBeLessThanOrEqual(3);
    // The model's rule: the local dispersion adds to the road distance (libs/model geo.ts).
    const callToScene = t.dispatchMinutes + (t.localDistanceKm / t.speedKmh) * 60;
    expect(callToScene).toBeGreaterThan(6.5);
    expect(callToScene).toBeLessThan(10);
    // Miyagi's own 軽症 share of transported patients, 31.3 % in 2021 (docs/calibration.md).
    expect(t.notAdmittedShare).toBe(0.313);
    expect(t.candidateCount).toBe(6);
    expect(t.maxInquiries).toBeGreaterThanOrEqual(15);
    expect(t.provenance?.estimated).toBe(true);
    expect(t.refusal.provenance?.estimated).toBe(true);
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

describe('expected census of the 2025 baseline beside observed Miyagi figures', () => {
  const s = summarise(region, expectedDemand(region, '2025'));

  it('admits within 8 % of the ≈ 279,300 hospital admissions a year observed in 2023 (miyagi-observed.md §2)', () => {
    expect(s.admissions).toBeGreaterThan(279_300 * 0.92);
    expect(s.admissions).toBeLessThan(279_300 * 1.08);
  });

  it("puts within 15 % of the 10,521 patients a day of Miyagi's 一般 beds in 2023 in general-type wards (§1b)", () => {
    const general = s.census.highAcute + s.census.acute + s.census.recovery;
    expect(general).toBeGreaterThan(10_521 * 0.85);
    expect(general).toBeLessThan(10_521 * 1.15);
  });

  it('keeps general-bed stays near the observed 14.5 days and chronic stays at the pathways’ 125 days (calibrated)', () => {
    expect(s.generalStayDays).toBeGreaterThan(13);
    expect(s.generalStayDays).toBeLessThan(17.5);
    expect(s.chronicStayDays).toBeCloseTo(125, 0);
  });
});

describe('demand from population by sex and 5-year band × rates (issue 15)', () => {
  const demandInputs = JSON.parse(
    readFileSync(join(ROOT, 'scripts/data/reference/demand-inputs.json'), 'utf8'),
  ) as {
    admissionRates: {
      rates: Record<string, { male: number[]; female: number[] }>;
      miyagiFactor: { allConditions: number; childbirth: number };
    };
    scheduled: { bookableShare: Record<string, number> };
  };
  const years = ['2020', '2025', '2030', '2035', '2040'];
  const n = FIVE_YEAR_BANDS.length;

  it('gives every municipality 19 whole bands per sex for every year, summing exactly to its four age bands', () => {
    for (const m of region.municipalities) {
      expect(Object.keys(m.populationBySexAge ?? {}).sort(), m.id).toEqual(years);
      for (const year of years) {
        const cells = m.populationBySexAge![year];
        expect(cells.male).toHaveLength(n);
        expect(cells.female).toHaveLength(n);
        for (const v of [...cells.male, ...cells.female]) expect(Number.isInteger(v) && v >= 0).toBe(true);
        const bands = [0, 0, 0, 0];
        FIVE_YEAR_BAND_AGE_BAND.forEach((b, k) => (bands[b] += cells.male[k] + cells.female[k]));
        expect(bands, `${m.id} ${year}`).toEqual(AGE_BANDS.map((b) => m.population[year][b]));
      }
    }
  });

  it('sums to the 2020 census of Miyagi by sex within one person', () => {
    const bySex = (sex: 'male' | 'female') =>
      sum(region.municipalities.map((m) => sum(m.populationBySexAge!['2020'][sex])));
    expect(Math.abs(bySex('male') - MIYAGI_2020_BY_SEX.male)).toBeLessThanOrEqual(1);
    expect(Math.abs(bySex('female') - MIYAGI_2020_BY_SEX.female)).toBeLessThanOrEqual(1);
  });

  it('names the IPSS projections behind every municipality and flags its figures as estimated', () => {
    for (const m of region.municipalities) {
      expect(m.provenance?.estimated, m.id).toBe(true);
      expect(m.provenance?.source, m.id).toMatch(/ipss2023, ipss2018Shapes/);
      expect(m.provenance?.note, m.id).toMatch(/5-year band/);
    }
    for (const key of ['ipss2023', 'ipss2018Shapes', 'demandInputs', 'patientSurveyVisits', 'resourcePoints'])
      expect(region.sources[key], key).toBeTruthy();
  });

  it('scales the national rates of demand-inputs.json to Miyagi: × 0.975, childbirth × 0.915', () => {
    const { rates, miyagiFactor } = demandInputs.admissionRates;
    expect(miyagiFactor).toMatchObject({ allConditions: 0.975, childbirth: 0.915 });
    for (const c of region.conditions) {
      const factor = c.id === 'childbirth' ? 0.915 : 0.975;
      const national = rates[c.id];
      for (const sex of ['male', 'female'] as const)
        national[sex].forEach((r, k) =>
          // Written to 2 decimals.
          expect(
            Math.abs(c.admissionRatesBySexAge![sex][k] - r * factor),
            `${c.id} ${sex} ${k}`,
          ).toBeLessThanOrEqual(0.005 + 1e-9),
        );
      expect(c.provenance?.note, c.id).toMatch(new RegExp(`Miyagi factor ${factor}`));
      expect(c.scheduledShare, c.id).toBe(demandInputs.scheduled.bookableShare[c.id]);
    }
  });

  it('keeps four-band rates that give the same 2020 admissions as the detailed ones (within rounding)', () => {
    for (const c of region.conditions) {
      const detailed = sum(region.municipalities.map((m) => municipalAdmissions(m, c, '2020')));
      const fourBand = sum(
        region.municipalities.map(
          (m) => sum(AGE_BANDS.map((b) => m.population['2020'][b] * c.admissionRatePer100k[b])) / 100_000,
        ),
      );
      expect(Math.abs(fourBand - detailed), c.id).toBeLessThan(Math.max(1, detailed * 0.001));
    }
  });

  it('uses the MHLW thresholds and gives every phase daily points whose ward the pathway expects', () => {
    expect(region.resourcePointThresholds).toEqual({
      highAcute: 3000,
      acute: 600,
      recovery: 225,
      dischargeAdjustment: 175,
    });
    for (const c of region.conditions) {
      for (const p of c.phases) {
        expect(p.pointsPerDay, `${c.id}/${p.id}`).toBeDefined();
        const ward = wardOf(region, p);
        if (p.id === 'long-term-care') expect(p.pointsPerDay?.rule, `${c.id}/${p.id}`).toBe('ryoyo');
        if (ward === 'highAcute') expect(p.pointsPerDay!.segments[0].points).toBeGreaterThanOrEqual(3000);
      }
      // Every acute phase ends its stay below 600 points: those days are recovery need (issue 15).
      const acute = c.phases.find((p) => p.id === 'acute');
      if (c.id !== 'childbirth') expect(acute?.pointsPerDay?.segments.at(-1)?.points, c.id).toBeLessThan(600);
    }
  });

  it('raises admissions per 100k from 2020 to 2040 in every area as the population ages and shrinks', () => {
    for (const area of areaIds) {
      const ms = region.municipalities.filter((m) => m.area === area);
      const per100k = (year: string) =>
        (sum(region.conditions.flatMap((c) => ms.map((m) => municipalAdmissions(m, c, year)))) * 100_000) /
        sum(ms.map((m) => total(m.population[year])));
      expect(per100k('2040'), area).toBeGreaterThan(per100k('2020') * 1.1);
      expect(sum(ms.map((m) => total(m.population['2040'])))).toBeLessThan(
        sum(ms.map((m) => total(m.population['2020']))),
      );
    }
  });

  it('books about 45 % of the 2025 admissions ahead (demand-inputs.md §3: 45.1 %)', () => {
    let booked = 0;
    let all = 0;
    for (const c of region.conditions) {
      const admissions = sum(region.municipalities.map((m) => municipalAdmissions(m, c, '2025')));
      booked += admissions * c.scheduledShare;
      all += admissions;
    }
    expect(booked / all).toBeGreaterThan(0.43);
    expect(booked / all).toBeLessThan(0.47);
  });
});
