import { describe, expect, it } from 'vitest';
import { runReplication } from '@caretwin/model';
import { buildRegion, condition, resolvedScenario } from '../../model/src/testing/region-builder';
import { UnknownPrecisionKpiError, decideAfterRound, firstRound, planFor } from './rounds';

const region = buildRegion({
  areas: [{ id: 'only' }],
  municipalities: [{ id: 'm', area: 'only', lat: 38.26, lng: 140.87, population: 10_000 }],
  hospitals: [{ id: 'h', area: 'only', municipality: 'm', lat: 38.27, lng: 140.87, beds: { acute: 10 } }],
  conditions: [
    condition({ id: 'x', ratePer100k: 20_000, phases: [{ id: 'stay', function: 'acute', meanDays: 5 }] }),
  ],
});
const resolved = resolvedScenario(region, { horizonDays: 30 });
const results = Array.from({ length: 12 }, (_, i) => runReplication(resolved, i));
const shuffled = <T>(xs: T[]): T[] =>
  xs
    .map((x, i) => ({ x, k: (i * 7919) % 13 }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.x);

describe('precision rounds', () => {
  const precision = (halfWidth: number, max = 12) =>
    planFor({ replications: 3, precision: { kpi: 'admissions', halfWidth, max } }, 4);

  it('adds the next round of indices while the half-width is above target, and stops at max', () => {
    const plan = precision(1e-9);
    expect(firstRound(plan)).toEqual([0, 1, 2, 3]);
    expect(decideAfterRound(plan, results.slice(0, 4))).toEqual({ done: false, next: [4, 5, 6, 7] });
    expect(decideAfterRound(plan, results.slice(0, 8))).toEqual({ done: false, next: [8, 9, 10, 11] });
    expect(decideAfterRound(plan, results)).toEqual({ done: true });
    expect(decideAfterRound(precision(1e-9, 10), results.slice(0, 8))).toEqual({ done: false, next: [8, 9] });
  });

  it('stops as soon as the index-ordered prefix meets the half-width', () => {
    expect(decideAfterRound(precision(1e9), results.slice(0, 4))).toEqual({ done: true });
  });

  it('decides the same whatever order the replications finished in', () => {
    for (const n of [4, 8]) {
      for (const halfWidth of [1e-9, 5, 1e9]) {
        const plan = precision(halfWidth);
        expect(decideAfterRound(plan, shuffled(results.slice(0, n)))).toEqual(
          decideAfterRound(plan, results.slice(0, n)),
        );
      }
    }
  });

  it('runs a fixed plan in one round', () => {
    const plan = planFor({ replications: 3 }, 4);
    expect(firstRound(plan)).toEqual([0, 1, 2]);
    expect(decideAfterRound(plan, results.slice(0, 3))).toEqual({ done: true });
  });

  it('names a precision KPI the model does not have', () => {
    const plan = planFor({ replications: 3, precision: { kpi: 'admission', halfWidth: 1, max: 8 } }, 4);
    expect(() => decideAfterRound(plan, results.slice(0, 4))).toThrow(UnknownPrecisionKpiError);
  });
});
