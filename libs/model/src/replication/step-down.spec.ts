import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '@caretwin/contracts';
import { haversineKm, travelMinutes } from '../region/geo';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import type { HospitalSpec } from '../testing/region-builder';
import { TRANSFER_WIDEN_DAYS } from './bed-rules';
import { runReplication } from './replication';

// An acute hospital and two recovery hospitals with room to spare: a small one 2 km away and a
// large one 30 km away. Listed by beds (the old rule) the large one came first; the nearest
// free bed is the small one's.
const acuteSite = { lat: 38.26, lng: 140.87 };
const near = { lat: 38.278, lng: 140.87 };
const far = { lat: 38.53, lng: 140.87 };
const hospital = (
  id: string,
  area: string,
  at: { lat: number; lng: number },
  beds: HospitalSpec['beds'],
): HospitalSpec => ({ id, area, municipality: area === 'city' ? 'c' : 't', ...at, beds });
const stepDown = condition({
  id: 'x',
  ratePer100k: 365,
  phases: [
    { id: 'acute', function: 'acute', meanDays: 1, cv: 0.05, next: [['rehab', 1]] },
    { id: 'rehab', function: 'recovery', meanDays: 5, cv: 0.05 },
  ],
});
const twoAreas = [
  { id: 'city', adjacent: ['town'] },
  { id: 'town', adjacent: ['city'] },
];
const municipalities = [
  { id: 'c', area: 'city', ...acuteSite, population: 100_000 },
  { id: 't', area: 'town', ...far, population: 1 },
];
const transport = { roadFactor: 1.3, speedKmh: 40, localDistanceKm: 2 };
const drive = (to: { lat: number; lng: number }): number =>
  travelMinutes(haversineKm(acuteSite.lat, acuteSite.lng, to.lat, to.lng), { ...transport, speedFactor: 1 });
const recoveryInUse = (r: ReplicationResult, id: string): number =>
  r.hospitals.find((h) => h.hospital === id)!.inUse.recovery;

describe('step-down transfers', () => {
  it('go to the nearer of two hospitals with free beds, not the larger', () => {
    const region = buildRegion({
      areas: [{ id: 'city' }],
      municipalities: [{ id: 'c', area: 'city', ...acuteSite, population: 100_000 }],
      hospitals: [
        hospital('acute', 'city', acuteSite, { acute: 100 }),
        hospital('small-near', 'city', near, { recovery: 60 }),
        hospital('large-far', 'city', far, { recovery: 300 }),
      ],
      conditions: [stepDown],
      transport,
    });
    const r = runReplication(resolvedScenario(region, { horizonDays: 60 }), 0);
    expect(r.kpis['transfers']).toBeGreaterThan(20);
    expect(recoveryInUse(r, 'large-far')).toBe(0);
    expect(recoveryInUse(r, 'small-near')).toBeGreaterThan(1);
    expect(r.kpis['transfers.minutes.mean']).toBeCloseTo(drive(near), 9);
    expect(drive(near)).toBeLessThan(drive(far) / 5);
  });

  it("take the nearest free bed of the home area before any of a neighbour's, however near", () => {
    // The town's recovery hospital stands next door to the city's acute one; the city's own is
    // far. A city patient goes to the city's (home area first), as long as it has room.
    const region = buildRegion({
      areas: twoAreas,
      municipalities,
      hospitals: [
        hospital('acute', 'city', acuteSite, { acute: 100 }),
        hospital('city-far', 'city', far, { recovery: 300 }),
        hospital('town-next-door', 'town', near, { recovery: 300 }),
      ],
      conditions: [stepDown],
      transport,
    });
    const r = runReplication(resolvedScenario(region, { horizonDays: 60 }), 0);
    expect(r.kpis['transfers']).toBeGreaterThan(20);
    expect(recoveryInUse(r, 'town-next-door')).toBe(0);
    expect(r.kpis['transfers.minutes.mean']).toBeCloseTo(drive(far), 9);
  });

  it(`widen after ${TRANSFER_WIDEN_DAYS} days to the nearest of the neighbours' free beds`, () => {
    // The city's only recovery bed is held for the whole run; the town has a near and a far
    // hospital with room: patients who waited long enough go to the near one.
    const region = buildRegion({
      areas: twoAreas,
      municipalities,
      hospitals: [
        hospital('acute', 'city', acuteSite, { acute: 200, recovery: 1 }),
        hospital('town-near', 'town', near, { recovery: 100 }),
        hospital('town-far', 'town', far, { recovery: 400 }),
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
      transport,
    });
    const r = runReplication(resolvedScenario(region, { horizonDays: 60 }), 0);
    expect(r.kpis['transfers']).toBeGreaterThan(50);
    expect(recoveryInUse(r, 'town-far')).toBe(0);
    expect(r.kpis['transfers.minutes.mean']).toBeCloseTo(drive(near), 9);
  });

  it('count bed blocking by the area of the blocked bed', () => {
    // City patients wait in the city's acute beds; the town has no acute beds, so nobody waits there.
    const region = buildRegion({
      areas: twoAreas,
      municipalities,
      hospitals: [
        hospital('acute', 'city', acuteSite, { acute: 200, recovery: 1 }),
        hospital('town-rehab', 'town', far, { recovery: 500 }),
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
      transport,
    });
    const r = runReplication(resolvedScenario(region, { horizonDays: 60 }), 0);
    expect(r.kpis['bedBlocking.days.city']).toBeGreaterThan(100);
    expect(r.kpis['bedBlocking.days.town']).toBe(0);
    expect(r.kpis['bedBlocking.days.city']).toBeCloseTo(r.kpis['bedBlocking.days'], 6);
  });
});
