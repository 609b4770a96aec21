import { describe, expect, it } from 'vitest';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { TRANSFER_WIDEN_DAYS } from './bed-rules';
import { runReplication } from './replication';

// A city whose only recovery bed is taken for the whole run, next to a town with free recovery
// beds. City patients step down from acute after a day: they wait for the city's bed first and
// take the town's only after TRANSFER_WIDEN_DAYS (checked once a day, so within a day of it).
const region = (cityRecovery: number) =>
  buildRegion({
    areas: [
      { id: 'city', adjacent: ['town'] },
      { id: 'town', adjacent: ['city'] },
    ],
    municipalities: [
      { id: 'c', area: 'city', lat: 38.26, lng: 140.87, population: 100_000 },
      { id: 't', area: 'town', lat: 38.3, lng: 141.0, population: 1 },
    ],
    hospitals: [
      {
        id: 'c1',
        area: 'city',
        municipality: 'c',
        lat: 38.26,
        lng: 140.87,
        beds: { acute: 200, recovery: cityRecovery },
      },
      { id: 't1', area: 'town', municipality: 't', lat: 38.3, lng: 141.0, beds: { recovery: 500 } },
    ],
    conditions: [
      condition({
        id: 'x',
        ratePer100k: 2 * 365,
        phases: [
          { id: 'acute', function: 'acute', meanDays: 1, cv: 0.05, next: [['rehab', 1]] },
          { id: 'rehab', function: 'recovery', meanDays: 400, cv: 0.05 },
        ],
      }),
    ],
  });

describe('step-down transfers to the adjacent areas', () => {
  it(`wait ${TRANSFER_WIDEN_DAYS} days for a bed of the home area before taking a neighbour's`, () => {
    const r = runReplication(resolvedScenario(region(1), { horizonDays: 60 }), 0);
    const perTransfer = r.kpis['bedBlocking.days.recovery'] / r.kpis['transfers'];
    expect(r.kpis['transfers']).toBeGreaterThan(50);
    expect(perTransfer).toBeGreaterThanOrEqual(TRANSFER_WIDEN_DAYS - 1);
    // The daily check adds up to a day; patients still waiting at the end add days but no transfer.
    expect(perTransfer).toBeLessThanOrEqual(TRANSFER_WIDEN_DAYS + 1.5);
  });

  it('go to the neighbours at once when the home area has no beds of the function', () => {
    const r = runReplication(resolvedScenario(region(0), { horizonDays: 60 }), 0);
    expect(r.kpis['transfers']).toBeGreaterThan(50);
    expect(r.kpis['bedBlocking.days.recovery']).toBe(0);
  });
});
