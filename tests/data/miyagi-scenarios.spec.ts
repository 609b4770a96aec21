import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile, evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BED_FUNCTIONS, PROJECTION_YEARS } from '../../libs/scenario/src/types';
import { BEDS_2022, BEDS_PLANNED_2025, SCENARIO_DIR, miyagi } from './miyagi-region';

type Doc = Record<string, unknown>;

const SHIPPED = [
  'miyagi-2025-baseline',
  'miyagi-2040-demand',
  'miyagi-acute-to-recovery',
  'miyagi-planned-2025-beds',
  'miyagi-hospital-merger',
  'miyagi-winter-roads',
  'miyagi-eligibility-failures',
  'miyagi-surge',
];

const SCENARIO_KEYS = [
  'id',
  'name',
  'description',
  'extends',
  'region',
  'year',
  'startDate',
  'horizonDays',
  'warmupDays',
  'replications',
  'precision',
  'seed',
  'demand',
  'initialCensus',
  'policies',
];

/** Fields each policy kind may carry (libs/scenario/src/types.ts), besides kind, fromDay and note. */
const POLICY_FIELDS: Record<string, string[]> = {
  setBeds: ['hospital', 'area', 'beds'],
  convertBeds: ['hospital', 'area', 'from', 'to', 'count'],
  closeHospital: ['hospital'],
  mergeHospitals: ['hospitals', 'into'],
  addHospital: ['hospital'],
  setAmbulances: ['base', 'area', 'vehicles'],
  lengthOfStay: ['multiplier', 'function', 'condition'],
  eligibility: [
    'failureRate',
    'hospitalOutagesPerDay',
    'hospitalOutageHours',
    'regionOutagesPerYear',
    'regionOutageHours',
    'proofShare',
    'staffMinutes',
    'delayMinutes',
    'outpatientVisitsPerAdmission',
    'deferShare',
    'returnShare',
    'returnDays',
    'returnStayFactor',
  ],
  travel: ['speedFactor', 'closedLinks'],
  bedBorrowing: ['enabled'],
};

const scenarios: Record<string, Doc> = Object.fromEntries(
  readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f.replace(/\.yaml$/, ''), parse(readFileSync(join(SCENARIO_DIR, f), 'utf8')) as Doc]),
);
const { region } = miyagi();

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `extends` as docs/architecture.md "Scenarios" states it: objects deep-merge, policies append. */
function resolve(id: string, seen: string[] = []): Doc {
  if (seen.includes(id)) throw new Error(`extends cycle: ${[...seen, id].join(' → ')}`);
  const doc = scenarios[id];
  if (doc === undefined) throw new Error(`unknown scenario ${id}`);
  if (typeof doc.extends !== 'string') return doc;
  const base = resolve(doc.extends, [...seen, id]);
  const merge = (a: Doc, b: Doc): Doc => {
    const out: Doc = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (k === 'policies') out[k] = [...((a[k] as unknown[]) ?? []), ...((v as unknown[]) ?? [])];
      else out[k] = isObject(a[k]) && isObject(v) ? merge(a[k] as Doc, v) : v;
    }
    return out;
  };
  return merge(base, doc);
}

const policiesOf = (doc: Doc) => (Array.isArray(doc.policies) ? (doc.policies as Doc[]) : []);

describe('shipped scenarios', () => {
  it('are exactly the eight Miyagi scenarios, each file named after its id', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...SHIPPED].sort());
    for (const [file, doc] of Object.entries(scenarios)) expect(doc.id).toBe(file);
  });

  it('use only scenario keys and describe the planning question in Japanese and English', () => {
    for (const [id, doc] of Object.entries(scenarios)) {
      for (const key of Object.keys(doc)) expect(SCENARIO_KEYS, `${id}: ${key}`).toContain(key);
      for (const text of [doc.name, doc.description]) {
        expect(isObject(text), id).toBe(true);
        expect(String((text as Doc).ja).length, id).toBeGreaterThan(5);
        expect(String((text as Doc).en).length, id).toBeGreaterThan(5);
      }
      expect(String((doc.description as Doc).en)).toMatch(/\?/);
    }
  });

  it('extend the baseline, which alone sets every required field for the Miyagi region', () => {
    for (const id of SHIPPED.filter((x) => x !== 'miyagi-2025-baseline'))
      expect(scenarios[id].extends, id).toBe('miyagi-2025-baseline');
    for (const id of SHIPPED) {
      const s = resolve(id);
      expect(s.region, id).toBe(region.id);
      expect(PROJECTION_YEARS, id).toContain(s.year);
      expect(String(s.startDate), id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const key of ['horizonDays', 'warmupDays', 'replications', 'seed'] as const) {
        expect(Number.isInteger(s[key]) && (s[key] as number) >= 0, `${id}.${key}`).toBe(true);
      }
      expect((s.demand as Doc).multiplier, id).toBeTypeOf('string');
      expect((s.initialCensus as Doc).mode, id).toBe('expected');
    }
  });

  it('name only kinds, fields, areas, hospitals, bases and conditions that exist', () => {
    const areas = new Set(region.areas.map((a) => a.id));
    const hospitals = new Set(region.hospitals.map((h) => h.id));
    const bases = new Set(region.ambulanceBases.map((b) => b.id));
    const conditions = new Set(region.conditions.map((c) => c.id));
    for (const [id, doc] of Object.entries(scenarios)) {
      policiesOf(doc).forEach((p, i) => {
        const at = `${id}.policies[${i}]`;
        const fields = POLICY_FIELDS[String(p.kind)];
        expect(fields, `${at}.kind ${String(p.kind)}`).toBeDefined();
        for (const key of Object.keys(p))
          expect(['kind', 'fromDay', 'note', ...fields], `${at}.${key}`).toContain(key);
        if (typeof p.area === 'string') expect(areas.has(p.area), `${at}.area`).toBe(true);
        if (typeof p.hospital === 'string') expect(hospitals.has(p.hospital), `${at}.hospital`).toBe(true);
        if (typeof p.into === 'string') expect(hospitals.has(p.into), `${at}.into`).toBe(true);
        for (const h of (p.hospitals as string[] | undefined) ?? [])
          expect(hospitals.has(h), `${at}.hospitals ${h}`).toBe(true);
        if (typeof p.base === 'string') expect(bases.has(p.base), `${at}.base`).toBe(true);
        if (typeof p.condition === 'string')
          expect(conditions.has(p.condition), `${at}.condition`).toBe(true);
        for (const fn of [p.from, p.to, p.function].filter((x) => x !== undefined))
          expect(BED_FUNCTIONS, at).toContain(fn);
        if (isObject(p.beds)) for (const fn of Object.keys(p.beds)) expect(BED_FUNCTIONS, at).toContain(fn);
      });
    }
  });
});

describe('what the what-ifs change', () => {
  it('projects demand to 2040 and nothing else', () => {
    expect(resolve('miyagi-2040-demand').year).toBe(2040);
    expect(policiesOf(scenarios['miyagi-2040-demand'])).toEqual([]);
  });

  it('sets each area to the beds its hospitals plan for 2025', () => {
    const policies = policiesOf(scenarios['miyagi-planned-2025-beds']);
    expect(policies.map((p) => p.area).sort()).toEqual(Object.keys(BEDS_PLANNED_2025).sort());
    for (const p of policies) expect(p.beds).toEqual(BEDS_PLANNED_2025[String(p.area)]);
  });

  it('converts acute beds to recovery only where the area has the acute beds to give', () => {
    const policies = policiesOf(scenarios['miyagi-acute-to-recovery']);
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect([p.kind, p.from, p.to]).toEqual(['convertBeds', 'acute', 'recovery']);
      expect(p.count as number).toBeGreaterThan(0);
      expect(p.count as number).toBeLessThan(BEDS_2022[String(p.area)].acute as number);
    }
    expect(policies.find((p) => p.area === 'sendai')?.count).toBe(500);
  });

  it('merges two synthetic hospitals of the same area', () => {
    const [merge] = policiesOf(scenarios['miyagi-hospital-merger']);
    expect(merge.kind).toBe('mergeHospitals');
    const ids = [...(merge.hospitals as string[]), merge.into as string];
    const areasOf = ids.map((id) => region.hospitals.find((h) => h.id === id)?.area);
    expect(new Set(areasOf)).toEqual(new Set(['sendai']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('slows travel to 70 % over a measured window of January to March', () => {
    const s = resolve('miyagi-winter-roads');
    const [travel] = policiesOf(scenarios['miyagi-winter-roads']);
    expect(travel).toMatchObject({ kind: 'travel', speedFactor: 0.7 });
    const start = new Date(`${String(s.startDate)}T00:00:00Z`);
    const first = new Date(start.getTime() + (s.warmupDays as number) * 86_400_000);
    const last = new Date(first.getTime() + ((s.horizonDays as number) - 1) * 86_400_000);
    expect(first.toISOString().slice(5, 10)).toBe('01-01');
    expect(last.toISOString().slice(5, 10)).toBe('03-31');
  });

  it('lets checks fail per person and in outages, against a neutral region default', () => {
    const [p] = policiesOf(scenarios['miyagi-eligibility-failures']);
    expect(p.kind).toBe('eligibility');
    expect(p.failureRate as number).toBeGreaterThan(0);
    expect(p.hospitalOutagesPerDay as number).toBeGreaterThan(0);
    expect(p.regionOutagesPerYear as number).toBeGreaterThan(0);
    // A failed check never postpones or forgoes care: those fields are gone.
    expect(Object.keys(p)).not.toContain('postponeShare');
    expect(Object.keys(p)).not.toContain('forgoShare');
    expect(region.eligibility.failureRate).toBe(0);
    expect(region.eligibility.hospitalOutagesPerDay).toBe(0);
    expect(region.eligibility.regionOutagesPerYear).toBe(0);
  });

  it('raises demand in a wave that peaks at 1.3 after warm-up and never exceeds maxMultiplier', () => {
    const s = resolve('miyagi-surge');
    const demand = s.demand as { multiplier: string; maxMultiplier: number };
    const hours = ((s.warmupDays as number) + (s.horizonDays as number)) * 24;
    const multiplier = compile(demand.multiplier);
    let peak = 0;
    let peakT = 0;
    for (let h = 0; h < hours; h += 1) {
      const value = multiplier.evaluate({ t: h / 24 }) as number;
      expect(Number.isFinite(value) && value >= 0).toBe(true);
      if (value > peak) [peak, peakT] = [value, h / 24];
    }
    expect(peak).toBeCloseTo(1.3, 6);
    expect(peak).toBeLessThanOrEqual(demand.maxMultiplier);
    expect(peakT).toBeGreaterThan(s.warmupDays as number);
    const baseline = resolve('miyagi-2025-baseline').demand as { multiplier: string };
    expect(evaluate(baseline.multiplier, { t: 0 })).toBe(1);
  });
});
