// Across replications: sort by replication index first (sums run in that order, so the result
// never depends on which worker finished first), then mean and 95 % CI per KPI and per series
// point, and mean flow matrices.
import { meanCI } from '@caretwin/engine';
import type { AggregateResult, Band, Estimate, ReplicationResult } from '@caretwin/contracts';
import { aggregateWarmup } from '../stats/warmup';

export class AggregateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregateError';
  }
}

/** meanCI with n < 2 reported as a zero-width interval (JSON has no NaN). */
export function estimate(values: ArrayLike<number>): Estimate {
  const ci = meanCI(values);
  const ok = (x: number, fallback: number): number => (Number.isFinite(x) ? x : fallback);
  const mean = ok(ci.mean, 0);
  return {
    n: ci.n,
    mean,
    sd: ok(ci.sd, 0),
    halfWidth: ok(ci.halfWidth, 0),
    lo: ok(ci.lo, mean),
    hi: ok(ci.hi, mean),
  };
}

function band(series: number[][]): Band {
  const len = Math.min(...series.map((s) => s.length));
  const out: Band = { mean: [], lo: [], hi: [] };
  const column = new Float64Array(series.length);
  for (let i = 0; i < len; i++) {
    for (let r = 0; r < series.length; r++) column[r] = series[r][i];
    const e = estimate(column);
    out.mean.push(e.mean);
    out.lo.push(e.lo);
    out.hi.push(e.hi);
  }
  return out;
}

function meanOf(series: number[][]): number[] {
  const len = Math.min(...series.map((s) => s.length));
  return Array.from({ length: len }, (_, i) => series.reduce((s, x) => s + x[i], 0) / series.length);
}

export function sortedByIndex(results: ReplicationResult[]): ReplicationResult[] {
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].replication === sorted[i - 1].replication) {
      throw new AggregateError(`replication ${sorted[i].replication} appears twice`);
    }
  }
  return sorted;
}

/** KPI keys present in every replication, in the first replication's order. */
export function commonKpiKeys(results: ReplicationResult[]): string[] {
  if (results.length === 0) return [];
  return Object.keys(results[0].kpis).filter((k) => results.every((r) => k in r.kpis));
}

export function aggregate(results: ReplicationResult[]): AggregateResult {
  if (results.length === 0) throw new AggregateError('aggregate needs at least one replication result');
  const rs = sortedByIndex(results);
  const first = rs[0];
  for (const r of rs) {
    if (r.scenarioId !== first.scenarioId || r.seed !== first.seed) {
      throw new AggregateError(
        `replications of different runs cannot be aggregated: ${first.scenarioId} (seed ${first.seed}) and ${r.scenarioId} (seed ${r.seed})`,
      );
    }
  }
  const kpis: Record<string, Estimate> = {};
  for (const key of commonKpiKeys(rs)) kpis[key] = estimate(rs.map((r) => r.kpis[key]));

  const dailyOccupancy = first.dailyOccupancy.map((s, i) => ({
    area: s.area,
    function: s.function,
    inUse: band(rs.map((r) => r.dailyOccupancy[i].inUse)),
    capacity: meanOf(rs.map((r) => r.dailyOccupancy[i].capacity)),
  }));
  const weeklyHospitalOccupancy = first.weeklyHospitalOccupancy.map((s, i) => ({
    hospital: s.hospital,
    inUse: band(rs.map((r) => r.weeklyHospitalOccupancy[i].inUse)),
    capacity: meanOf(rs.map((r) => r.weeklyHospitalOccupancy[i].capacity)),
  }));
  const hospitals = first.hospitals.map((h, i) => ({
    hospital: h.hospital,
    area: h.area,
    utilisation: estimate(rs.map((r) => r.hospitals[i].utilisation)),
    admissions: estimate(rs.map((r) => r.hospitals[i].admissions)),
    refusals: estimate(rs.map((r) => r.hospitals[i].refusals)),
    overflow: estimate(rs.map((r) => r.hospitals[i].overflow)),
  }));
  const A = first.flow.areas.length;
  const flow = {
    areas: [...first.flow.areas],
    admissions: Array.from({ length: A }, (_, a) => meanOf(rs.map((r) => r.flow.admissions[a]))),
    leftRegion: meanOf(rs.map((r) => r.flow.leftRegion)),
    selfSufficiency: Array.from({ length: A }, (_, a) => estimate(rs.map((r) => r.flow.selfSufficiency[a]))),
  };
  return {
    schemaVersion: 1,
    scenarioId: first.scenarioId,
    regionId: first.regionId,
    seed: first.seed,
    startDate: first.startDate,
    warmupDays: first.warmupDays,
    horizonDays: first.horizonDays,
    replications: rs.length,
    replicationIndices: rs.map((r) => r.replication),
    kpis,
    dailyOccupancy,
    weeklyHospitalOccupancy,
    hospitals,
    flow,
    staticNeed: first.staticNeed,
    conservationConsistent: rs.every((r) => r.census.consistent),
    ...aggregateWarmup(rs),
  };
}
