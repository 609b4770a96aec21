// The what-ifs of the face-validity suite (face-validity.spec.ts) and the figures it reads from
// them: paired runs of the Miyagi baseline on common random numbers (same seed, same replication
// indices), each what-if run once and kept. A seed other than the baseline's checks that a
// direction comes from the mechanism, not from the seed's luck.
//
// No vitest import here (unlike ./support), so a script can print the same moves for other seeds.
import { join, resolve } from 'node:path';
import { pairedDifference } from '@caretwin/engine';
import { compareResults, runReplication } from '@caretwin/model';
import type { ReplicationResult } from '@caretwin/contracts';
import { ScenarioCatalog } from '@caretwin/scenario';
import type { Policy, ResolvedScenario } from '@caretwin/scenario';

const ROOT = resolve(__dirname, '../..');
const catalog = new ScenarioCatalog({
  shippedDir: join(ROOT, 'scenarios'),
  regionsDir: join(ROOT, 'scenarios/data'),
});

/** Warm start (the baseline's expected census), two weeks to settle, a quarter measured. */
export const FACE_HORIZON = { horizonDays: 90, warmupDays: 14 };
export const FACE_REPLICATIONS = 3;

/** One paired difference b − a of a figure, with its 95 % CI. */
export interface Move {
  label: string;
  a: number;
  b: number;
  difference: number;
  halfWidth: number;
  lo: number;
  hi: number;
}

export const describeMove = (m: Move): string =>
  `${m.label}: ${fmt(m.a)} → ${fmt(m.b)} (difference ${fmt(m.difference)} ± ${fmt(m.halfWidth)})`;

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(4));

/** The paired move of KPI `key`; undefined when a side lacks the key. */
export function kpiMove(a: ReplicationResult[], b: ReplicationResult[], key: string): Move | undefined {
  const c = compareResults(a, b);
  if (!c.paired) throw new Error(`not paired: ${c.note}`);
  const d = c.kpis[key];
  return (
    d && { label: key, a: d.a, b: d.b, difference: d.difference, halfWidth: d.halfWidth, lo: d.lo, hi: d.hi }
  );
}

/** The paired move of any per-replication figure (runs sorted by replication index on both sides). */
export function figureMove(
  a: ReplicationResult[],
  b: ReplicationResult[],
  label: string,
  figure: (r: ReplicationResult, side: 'a' | 'b') => number,
): Move {
  const byIndex = (rs: ReplicationResult[]) => [...rs].sort((x, y) => x.replication - y.replication);
  const xa = byIndex(a).map((r) => figure(r, 'a'));
  const xb = byIndex(b).map((r) => figure(r, 'b'));
  const d = pairedDifference(xa, xb);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return { label, a: mean(xa), b: mean(xb), difference: d.mean, halfWidth: d.halfWidth, lo: d.lo, hi: d.hi };
}

/** Sum of every number in a population table, whatever its breakdown (age bands, sex). */
function people(table: unknown): number {
  if (typeof table === 'number') return table;
  if (table && typeof table === 'object')
    return Object.values(table).reduce((s: number, x) => s + people(x), 0);
  return 0;
}

/** Residents of `area` in the scenario's projection year. */
export function areaPopulation(resolved: ResolvedScenario, area: string): number {
  const year = String(resolved.scenario.year);
  let total = 0;
  for (const m of resolved.region.municipalities) {
    if (m.area !== area) continue;
    const table = (m.population as Record<string, unknown>)[year];
    if (table === undefined) throw new Error(`municipality ${m.id} has no population for ${year}`);
    total += people(table);
  }
  return total;
}

/** Residents of `area` admitted anywhere (or leaving the region), per year per 100,000 residents. */
export function areaAdmissionsPer100k(
  r: ReplicationResult,
  resolved: ResolvedScenario,
  area: string,
): number {
  const a = r.flow.areas.indexOf(area);
  if (a < 0) throw new Error(`no area ${area} in the flow matrix`);
  const admitted = r.flow.admissions[a].reduce((s, x) => s + x, 0) + r.flow.leftRegion[a];
  return (admitted * 365 * 100_000) / (r.daysSimulated * areaPopulation(resolved, area));
}

/** Paired what-ifs of the Miyagi baseline, each run once per seed. */
export class WhatIfs {
  private readonly cache = new Map<string, { resolved: ResolvedScenario; runs: ReplicationResult[] }>();

  constructor(
    readonly seed = 1,
    readonly n = FACE_REPLICATIONS,
  ) {}

  /** The scenario of what-if `id` (the baseline with these policies and changes). */
  resolved(id: string, policies: Policy[] = [], changes: Record<string, unknown> = {}): ResolvedScenario {
    return this.entry(id, policies, changes).resolved;
  }

  runs(id: string, policies: Policy[] = [], changes: Record<string, unknown> = {}): ReplicationResult[] {
    return this.entry(id, policies, changes).runs;
  }

  baseline(): ReplicationResult[] {
    return this.runs('face-baseline');
  }

  baselineScenario(): ResolvedScenario {
    return this.resolved('face-baseline');
  }

  private entry(id: string, policies: Policy[], changes: Record<string, unknown>) {
    let e = this.cache.get(id);
    if (!e) {
      const resolved = catalog.resolve({
        id,
        extends: 'miyagi-2025-baseline',
        ...FACE_HORIZON,
        seed: this.seed,
        policies,
        ...changes,
      });
      e = { resolved, runs: Array.from({ length: this.n }, (_, i) => runReplication(resolved, i)) };
      this.cache.set(id, e);
    }
    return e;
  }
}

/** The hospital with the most beds in each area, in the region's area order. */
export function largestHospitalPerArea(
  resolved: ResolvedScenario,
): Array<{ hospital: string; area: string }> {
  const beds = (h: (typeof resolved.region.hospitals)[number]) =>
    h.beds.highAcute + h.beds.acute + h.beds.recovery + h.beds.chronic;
  return resolved.region.areas.map((area) => {
    const inArea = resolved.region.hospitals.filter((h) => h.area === area.id);
    const largest = inArea.reduce((best, h) => (beds(h) > beds(best) ? h : best));
    return { hospital: largest.id, area: area.id };
  });
}

/** Ambulances of an area's bases. */
export function areaVehicles(resolved: ResolvedScenario, area: string): number {
  return resolved.region.ambulanceBases.filter((b) => b.area === area).reduce((s, b) => s + b.vehicles, 0);
}
