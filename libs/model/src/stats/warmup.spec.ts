import { meanCI } from '@caretwin/engine';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../kpis/aggregate';
import { runReplication } from '../replication/replication';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';

// An M/G/∞-like region: Poisson walk-ins (50 a day) to one hospital with far more beds than it
// ever needs, lognormal stays of mean 10 days and CV 1.5. In equilibrium 500 patients are in bed
// and their remaining stays follow the equilibrium-excess distribution (mean (1 + CV²)/2 × 10 =
// 16.25 days): a start from the expected census with such remaining stays has no transient.
const PER_DAY = 50;
const STAY = 10;
const mgInfinity = (stay: { cv: number; distribution: 'lognormal' | 'gamma' }) =>
  buildRegion({
    areas: [{ id: 'only' }],
    municipalities: [{ id: 'm', area: 'only', lat: 38.26, lng: 140.87, population: 100_000 }],
    hospitals: [{ id: 'h', area: 'only', municipality: 'm', lat: 38.27, lng: 140.87, beds: { acute: 5000 } }],
    conditions: [
      condition({
        id: 'x',
        ratePer100k: PER_DAY * 365,
        phases: [{ id: 'stay', function: 'acute', meanDays: STAY, ...stay }],
      }),
    ],
  });
const region = mgInfinity({ cv: 1.5, distribution: 'lognormal' });
// The cold-start cases use exponential stays (gamma, CV 1): the census then approaches λ·E[S]
// as 1 − e^(−t/10), a transient short enough for MSER-5 to see its end within 200 days.
const exponential = mgInfinity({ cv: 1, distribution: 'gamma' });
const REPLICATIONS = 40;
const run = (spec: Parameters<typeof resolvedScenario>[1], on = region) => {
  const scenario = resolvedScenario(on, spec);
  return Array.from({ length: REPLICATIONS }, (_, i) => runReplication(scenario, i));
};
const acute = (r: ReturnType<typeof runReplication>) =>
  r.dailyOccupancy.find((s) => s.function === 'acute')?.inUse ?? [];
const meanOver = (xs: number[], from: number, to: number) =>
  xs.slice(from, to).reduce((s, x) => s + x, 0) / (to - from);

describe('warm start from the expected census', () => {
  const warm = run({ horizonDays: 21, warmupDays: 0, initialCensus: { mode: 'expected' } });

  it.each([
    ['first week', 0, 7],
    ['second week', 7, 14],
    ['third week', 14, 21],
  ])('keeps the steady-state census of λ·E[S] in the %s (within 3 standard errors)', (_, from, to) => {
    const ci = meanCI(warm.map((r) => meanOver(acute(r), from, to)));
    expect(Math.abs(ci.mean - PER_DAY * STAY)).toBeLessThan((3 * ci.sd) / Math.sqrt(ci.n));
  });

  it('reports the warm start and raises no warm-up warning', () => {
    const agg = aggregate(warm);
    expect(agg.warmup?.initialCensus).toBe('expected');
    expect(agg.warnings).toEqual([]);
  });
});

describe('MSER-5 warm-up of a run that starts empty', () => {
  const empty = run({ horizonDays: 200, warmupDays: 0 }, exponential);

  it('starts far below the steady state, as a cold start must', () => {
    const firstWeek = meanCI(empty.map((r) => meanOver(acute(r), 0, 7))).mean;
    expect(firstWeek).toBeLessThan(0.4 * PER_DAY * STAY);
  });

  it('finds the transient in every replication and in their mean', () => {
    // One replication's census is strongly autocorrelated: MSER-5 may not find the end within
    // the first half (null), but it never keeps the ramp. The mean series is clearer.
    for (const r of empty)
      expect(r.warmup?.byFunction.acute === null || (r.warmup?.byFunction.acute ?? 0) > 0).toBe(true);
    const days = aggregate(empty).warmup?.suggestedDays ?? 0;
    expect(days).toBeGreaterThanOrEqual(15);
    expect(days).toBeLessThanOrEqual(120);
  });

  it('warns when the configured warm-up is shorter than MSER-5 suggests, and not when it is longer', () => {
    const short = aggregate(empty);
    expect(short.warnings).toHaveLength(1);
    expect(short.warnings?.[0]).toMatch(
      /warmupDays 0 is shorter than the MSER-5 warm-up of \d+ days \(acute\)/,
    );
    const long = aggregate(run({ horizonDays: 100, warmupDays: 100 }, exponential));
    expect(long.warmup?.configuredDays).toBe(100);
    expect(long.warnings).toEqual([]);
  });
});
