import { describe, expect, it } from 'vitest';
import { resolvedScenario } from '../testing/region-builder';
import { STRESS_POLICIES, stressRegion } from '../testing/stress-region';
import { censusComposition } from './composition';
import { simulateDailyCensus } from './daily-reports';

const scenario = () =>
  resolvedScenario(stressRegion(), {
    seed: 3,
    horizonDays: 20,
    warmupDays: 10,
    initialCensus: { mode: 'expected' },
    policies: STRESS_POLICIES,
  });

describe('censusComposition', () => {
  const { phases: P, mix } = censusComposition(scenario(), 0);
  const history = simulateDailyCensus(scenario(), 0);
  const pools = history.hospitals.length * 4;

  it('holds per ward the mean census of the horizon’s day ends, split by pathway phase', () => {
    expect(mix).toHaveLength(pools * 2 * P);
    let total = 0;
    for (let pool = 0; pool < pools; pool++) {
      let sum = 0;
      for (let i = 0; i < 2 * P; i++) sum += mix[pool * 2 * P + i];
      let occupied = 0;
      for (let d = 0; d < history.days; d++) occupied += history.occupied[pool * history.days + d];
      expect(sum).toBeCloseTo(occupied / history.days, 9);
      total += sum;
    }
    expect(total).toBeGreaterThan(10);
  });

  it('counts acute phases lying in a recovery bed as tails, and tails nowhere but in recovery wards', () => {
    for (let pool = 0; pool < pools; pool++) {
      if ((pool & 3) === 2) continue;
      for (let i = P; i < 2 * P; i++) expect(mix[pool * 2 * P + i]).toBe(0);
    }
  });
});
