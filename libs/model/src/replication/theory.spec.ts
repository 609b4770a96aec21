import { erlangB, meanCI } from '@caretwin/engine';
import { describe, expect, it } from 'vitest';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { runReplication } from './replication';

// One hospital, one function, Poisson arrivals (flat profiles), no ambulances and gamma stays of
// CV 1: an M/G/c/c loss system, whose blocking is Erlang-B whatever the stay distribution.
const BEDS = 20;
const ARRIVALS_PER_DAY = 2;
const STAY_DAYS = 8;
const region = buildRegion({
  areas: [{ id: 'only' }],
  municipalities: [{ id: 'm', area: 'only', lat: 38.26, lng: 140.87, population: 100_000 }],
  hospitals: [{ id: 'h', area: 'only', municipality: 'm', lat: 38.27, lng: 140.87, beds: { acute: BEDS } }],
  conditions: [
    condition({
      id: 'x',
      ratePer100k: ARRIVALS_PER_DAY * 365,
      phases: [{ id: 'stay', function: 'acute', meanDays: STAY_DAYS, cv: 1 }],
    }),
  ],
});
const scenario = resolvedScenario(region, {
  horizonDays: 1500,
  warmupDays: 100,
  initialCensus: { mode: 'expected' },
});
const results = Array.from({ length: 10 }, (_, i) => runReplication(scenario, i));

const within3SE = (values: number[], expected: number): void => {
  const ci = meanCI(values);
  const se = ci.sd / Math.sqrt(ci.n);
  expect(Math.abs(ci.mean - expected)).toBeLessThan(3 * se);
};

describe('the model against queueing theory (one hospital, one function)', () => {
  const offered = ARRIVALS_PER_DAY * STAY_DAYS;
  const blocking = erlangB(BEDS, offered);

  it('turns away the Erlang-B share of patients (blocked patients are admitted outside occupancy)', () => {
    within3SE(
      results.map((r) => r.kpis['overflow'] / (r.kpis['overflow'] + r.kpis['admissions'])),
      blocking,
    );
  });

  it('keeps λ(1 − B)·LOS beds in use on average', () => {
    within3SE(
      results.map((r) => r.kpis['bedsInUse.prefecture.acute']),
      ARRIVALS_PER_DAY * (1 - blocking) * STAY_DAYS,
    );
  });

  it("obeys Little's law: beds in use = admissions per day × mean stay", () => {
    const gaps = results.map(
      (r) =>
        r.kpis['bedsInUse.prefecture.acute'] - (r.kpis['admissions'] / r.daysSimulated) * r.kpis['los.acute'],
    );
    within3SE(gaps, 0);
  });

  it('never holds more patients in beds than there are beds', () => {
    for (const r of results)
      for (const s of r.dailyOccupancy)
        s.inUse.forEach((x, d) => expect(x).toBeLessThanOrEqual(s.capacity[d]));
  });
});
