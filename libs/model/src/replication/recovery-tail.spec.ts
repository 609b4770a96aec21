import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import type { HospitalSpec } from '../testing/region-builder';
import { runReplication } from './replication';

// An acute stay of 10 days whose last 6 are recovery-level care (400 points < C2 600): from day
// 4 the patient may move to a recovery bed for the rest of the same stay (転棟).
const site = { lat: 38.26, lng: 140.87 };
const tailed = condition({
  id: 'x',
  ratePer100k: 730,
  phases: [
    {
      id: 'acute',
      pointsPerDay: {
        segments: [
          { until: 4, points: 1500 },
          { until: null, points: 400 },
        ],
        rule: null,
      },
      meanDays: 10,
      cv: 0.05,
    },
  ],
});
const region = (beds: HospitalSpec['beds']) =>
  buildRegion({
    areas: [{ id: 'city' }],
    municipalities: [{ id: 'c', area: 'city', ...site, population: 100_000 }],
    hospitals: [{ id: 'h', area: 'city', municipality: 'c', ...site, beds }],
    conditions: [tailed],
    transport: { roadFactor: 1.3, speedKmh: 40, localDistanceKm: 2 },
  });
const run = (beds: HospitalSpec['beds']): ReplicationResult =>
  runReplication(resolvedScenario(region(beds), { horizonDays: 120, warmupDays: 30 }), 0);
const inUse = (r: ReplicationResult, fn: 'acute' | 'recovery') => r.hospitals[0].inUse[fn];

describe('the recovery-level tail of an acute stay', () => {
  // 2 admissions a day × 10 days ≈ 20 in bed: 8 at acute level, 12 at recovery level.
  it('moves to a free recovery bed of its hospital and keeps its length of stay', () => {
    const r = run({ acute: 60, recovery: 60 });
    expect(r.kpis['stepDowns.recoveryTail']).toBeGreaterThan(100);
    expect(r.kpis['stepDowns.recoveryTailWaitDays']).toBe(0);
    expect(inUse(r, 'recovery') / (inUse(r, 'acute') + inUse(r, 'recovery'))).toBeCloseTo(0.6, 1);
    expect(r.kpis['alos.general']).toBeCloseTo(10, 0);
  });

  it('stays in its acute bed where the hospital has no recovery ward', () => {
    const r = run({ acute: 60 });
    expect(r.kpis['stepDowns.recoveryTail']).toBe(0);
    expect(r.kpis['stepDowns.recoveryTailWaitDays']).toBe(0);
    expect(inUse(r, 'acute')).toBeGreaterThan(15);
  });

  it('waits in its acute bed while the recovery ward is full, and moves as beds free', () => {
    const r = run({ acute: 60, recovery: 6 });
    expect(r.kpis['stepDowns.recoveryTail']).toBeGreaterThan(30);
    // About 12 tails in care for 6 recovery beds (one kept free): the rest wait.
    expect(r.kpis['stepDowns.recoveryTailWaitDays']).toBeGreaterThan(100);
    expect(inUse(r, 'recovery')).toBeGreaterThan(4);
    expect(inUse(r, 'recovery')).toBeLessThanOrEqual(6);
  });
});

describe('a census start (initialCensus given) on the same stays', () => {
  /** Beds in use at the first midnight, mean of 20 replications, from a census of 8 acute and 12 recovery patients. */
  function firstMidnight(beds: HospitalSpec['beds']): { acute: number; recovery: number } {
    const sum = { acute: 0, recovery: 0 };
    for (let r = 0; r < 20; r++) {
      const scenario = resolvedScenario(region(beds), {
        horizonDays: 2,
        warmupDays: 0,
        initialCensus: { mode: 'given', hospitals: { h: { acute: 8, recovery: 12 } } },
      });
      runReplication(scenario, r, {
        onDay: (day, snapshot) => {
          if (day !== 1) return;
          for (const o of snapshot.occupancy)
            if (o.function === 'acute' || o.function === 'recovery') sum[o.function] += o.inUse / 20;
        },
      });
    }
    return sum;
  }

  it('draws acute patients before their tail where recovery beds are free, so the census holds (no step-down flood)', () => {
    // The steady state of the first test: 8 at acute level, 12 in recovery beds. Drawn anywhere
    // in their 10-day stay, 60 % of the 8 would be past day 4 and step down at once (acute ≈ 3).
    const { acute, recovery } = firstMidnight({ acute: 60, recovery: 60 });
    expect(acute).toBeGreaterThan(6.5);
    expect(acute).toBeLessThan(10);
    expect(recovery).toBeGreaterThan(9.5);
    expect(recovery).toBeLessThan(14.5);
  });
});
