import { describe, expect, it } from 'vitest';
import { buildRegion, condition, resolvedScenario } from './testing/region-builder';
import { runCost } from './run-cost';

// Two municipalities of 300,000 and 700,000: a million people.
const region = buildRegion({
  areas: [{ id: 'A' }],
  municipalities: [
    { id: 'm1', area: 'A', lat: 38.3, lng: 140.9, population: 300_000 },
    { id: 'm2', area: 'A', lat: 38.4, lng: 141.0, population: 700_000 },
  ],
  hospitals: [{ id: 'h', area: 'A', municipality: 'm1', lat: 38.3, lng: 140.9, beds: { acute: 10 } }],
  conditions: [
    condition({ id: 'c', ratePer100k: 100, phases: [{ id: 'w', function: 'acute', meanDays: 3 }] }),
  ],
});

describe('the cost of a run', () => {
  it('is a million people over one simulated year (warm-up included) once per replication', () => {
    const year = resolvedScenario(region, { warmupDays: 65.25, horizonDays: 300 });
    const one = runCost(year, 1);
    expect(one.population).toBe(1_000_000);
    expect(one.simulatedDays).toBeCloseTo(365.25);
    expect(one.cost).toBeCloseTo(1, 6);
    expect(runCost(year, 500).cost).toBeCloseTo(500, 4);
  });

  it('grows with the demand multiplier over the simulated hours', () => {
    const doubled = resolvedScenario(region, { horizonDays: 100, multiplier: () => 2 });
    const plain = resolvedScenario(region, { horizonDays: 100 });
    expect(runCost(doubled, 10).meanDemandMultiplier).toBe(2);
    expect(runCost(doubled, 10).cost).toBeCloseTo(2 * runCost(plain, 10).cost, 9);
    // a surge in half the hours counts for half its height
    const surge = resolvedScenario(region, { horizonDays: 100, multiplier: (h) => (h < 1200 ? 3 : 1) });
    expect(runCost(surge, 1).cost / runCost(plain, 1).cost).toBeCloseTo(2, 9);
  });

  it("takes the population of the scenario's year, between the given years", () => {
    const growing = buildRegion({
      areas: [{ id: 'A' }],
      municipalities: [{ id: 'm', area: 'A', lat: 38.3, lng: 140.9, population: 1_000 }],
      hospitals: [{ id: 'h', area: 'A', municipality: 'm', lat: 38.3, lng: 140.9, beds: { acute: 1 } }],
      conditions: [
        condition({ id: 'c', ratePer100k: 1, phases: [{ id: 'w', function: 'acute', meanDays: 1 }] }),
      ],
    });
    const m = growing.municipalities[0];
    const band = (n: number) => ({ age0to14: n, age15to64: n, age65to74: n, age75plus: n });
    m.population = { '2020': band(1000), '2030': band(2000) };
    const cost = runCost(resolvedScenario(growing, { year: 2025, horizonDays: 10 }), 1);
    expect(cost.population).toBe(6000);
  });
});
