import { describe, expect, it } from 'vitest';
import type { Policy } from '@caretwin/scenario';
import { compareResults } from '../kpis/compare';
import { Facilities, Levers } from '../region/facilities';
import { Network, ROUTE_KEYS, routeKey, usedRouteKeys } from '../region/network';
import { CAPABILITY_INDEX } from '../region/pathways';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import { runReplication } from '../replication/replication';
import { buildRegion, condition, resolvedScenario } from '../testing/region-builder';
import { applyPolicy } from './apply';

// One area with a perinatal centre (周産期), a tertiary emergency centre (三次救急), two general
// hospitals (one with a single high-acute bed) and a recovery hospital without acute beds.
const region = buildRegion({
  areas: [{ id: 'a' }],
  municipalities: [{ id: 'm', area: 'a', lat: 38.26, lng: 140.87, population: 200_000 }],
  hospitals: [
    {
      id: 'perinatal',
      area: 'a',
      municipality: 'm',
      lat: 38.26,
      lng: 140.87,
      beds: { highAcute: 20, acute: 200 },
      capabilities: ['maternity', 'paediatrics'],
    },
    {
      id: 'tertiary',
      area: 'a',
      municipality: 'm',
      lat: 38.27,
      lng: 140.88,
      beds: { highAcute: 40, acute: 300 },
      capabilities: ['stroke', 'emergency3'],
    },
    {
      id: 'general',
      area: 'a',
      municipality: 'm',
      lat: 38.28,
      lng: 140.89,
      beds: { highAcute: 10, acute: 150, recovery: 10 },
      capabilities: ['emergency2'],
    },
    {
      id: 'small',
      area: 'a',
      municipality: 'm',
      lat: 38.29,
      lng: 140.9,
      beds: { highAcute: 1, acute: 50 },
    },
    { id: 'rehab', area: 'a', municipality: 'm', lat: 38.3, lng: 140.91, beds: { recovery: 80 } },
  ],
  conditions: [
    condition({
      id: 'birth',
      ratePer100k: 500,
      capability: 'maternity',
      phases: [{ id: 'stay', function: 'acute', meanDays: 4 }],
    }),
  ],
});

function applied(...policies: Policy[]) {
  const index = new RegionIndex(region, []);
  const facilities = new Facilities(index);
  const levers = new Levers(index);
  policies.forEach((p, i) => applyPolicy(p, `policies[${i}]`, index, facilities, levers));
  const beds = (id: string, f: 'highAcute' | 'acute' | 'recovery'): number =>
    facilities.capacity(
      index.hospital(id, 'test') * FUNCTIONS + ['highAcute', 'acute', 'recovery'].indexOf(f),
    );
  return { index, facilities, levers, beds };
}

describe('an area-level bed conversion', () => {
  it('spreads over the hospitals holding the function in proportion to their beds, sparing perinatal and tertiary centres', () => {
    const { beds } = applied({ kind: 'convertBeds', area: 'a', from: 'acute', to: 'recovery', count: 100 });
    expect(beds('perinatal', 'acute')).toBe(200);
    expect(beds('tertiary', 'acute')).toBe(300);
    // 150 : 50 of the 100 beds.
    expect([beds('general', 'acute'), beds('small', 'acute')]).toEqual([75, 25]);
    expect([beds('general', 'recovery'), beds('small', 'recovery'), beds('rehab', 'recovery')]).toEqual([
      85, 25, 80,
    ]);
  });

  it('keeps at least one high-acute bed in every hospital that had one', () => {
    const { beds } = applied({ kind: 'convertBeds', area: 'a', from: 'highAcute', to: 'acute', count: 50 });
    // Only 9 of general's 10 may go, none of small's single bed, none of the centres'.
    expect([beds('general', 'highAcute'), beds('small', 'highAcute')]).toEqual([1, 1]);
    expect([beds('perinatal', 'highAcute'), beds('tertiary', 'highAcute')]).toEqual([20, 40]);
    expect(beds('general', 'acute')).toBe(159);
  });

  it('takes from every hospital when the policy includes the protected ones', () => {
    const { beds } = applied({
      kind: 'convertBeds',
      area: 'a',
      from: 'highAcute',
      to: 'acute',
      count: 71,
      includeProtected: true,
    });
    expect(['perinatal', 'tertiary', 'general', 'small'].map((id) => beds(id, 'highAcute'))).toEqual([
      0, 0, 0, 0,
    ]);
    expect(beds('perinatal', 'acute')).toBe(220);
  });

  it('converts what a named hospital has, protected or not (the policy names it)', () => {
    const { beds } = applied({
      kind: 'convertBeds',
      hospital: 'perinatal',
      from: 'highAcute',
      to: 'acute',
      count: 20,
    });
    expect([beds('perinatal', 'highAcute'), beds('perinatal', 'acute')]).toEqual([0, 220]);
  });
});

describe('an area-level bed target', () => {
  it('cuts only the hospitals that may give, in proportion to what they may give', () => {
    // 700 acute beds → 600: the 100 come from general (150) and small (50) as 75 and 25.
    const { beds } = applied({ kind: 'setBeds', area: 'a', beds: { acute: 600 } });
    expect(['perinatal', 'tertiary', 'general', 'small'].map((id) => beds(id, 'acute'))).toEqual([
      200, 300, 75, 25,
    ]);
  });

  it('stops at the last high-acute bed of each hospital unless the policy includes them', () => {
    const kept = applied({ kind: 'setBeds', area: 'a', beds: { highAcute: 0 } });
    expect(['perinatal', 'tertiary', 'general', 'small'].map((id) => kept.beds(id, 'highAcute'))).toEqual([
      20, 40, 1, 1,
    ]);
    const cut = applied({ kind: 'setBeds', area: 'a', beds: { highAcute: 0 }, includeProtected: true });
    expect(['perinatal', 'tertiary', 'general', 'small'].map((id) => cut.beds(id, 'highAcute'))).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('shares growth over every hospital holding the function, the protected ones too', () => {
    const { beds } = applied({ kind: 'setBeds', area: 'a', beds: { highAcute: 142 } });
    expect(['perinatal', 'tertiary', 'general', 'small'].map((id) => beds(id, 'highAcute'))).toEqual([
      40, 80, 20, 2,
    ]);
  });
});

describe('a merger', () => {
  const merger: Policy = { kind: 'mergeHospitals', hospitals: ['perinatal'], into: 'general' };

  it('keeps every capability of the merged hospitals on the one they join', () => {
    const { index, facilities, levers, beds } = applied(merger);
    const general = index.hospital('general', 'test');
    for (const c of ['maternity', 'paediatrics', 'emergency2'])
      expect(facilities.capabilities[general] & (1 << CAPABILITY_INDEX[c]), c).not.toBe(0);
    expect(facilities.open[index.hospital('perinatal', 'test')]).toBe(0);
    expect([beds('general', 'highAcute'), beds('general', 'acute')]).toEqual([30, 350]);
    // Births now route to the merged hospital, the only open one with the capability.
    const network = new Network(index, facilities, levers, usedRouteKeys(index));
    const slot = 0 * ROUTE_KEYS + routeKey(CAPABILITY_INDEX['maternity'], 1);
    const start = network.candidateStart[slot];
    expect(
      Array.from(network.candidateHospital.subarray(start, start + network.candidateCount[slot])),
    ).toEqual([general]);
  });

  it('leaves nobody without a hospital for a capability only the merged hospital had', () => {
    const r = runReplication(resolvedScenario(region, { horizonDays: 30, policies: [merger] }), 0);
    const at = (id: string) => r.hospitals.find((h) => h.hospital === id)!.admissions;
    expect(r.kpis['admissions']).toBeGreaterThan(30);
    expect(r.kpis['leftRegion']).toBe(0);
    expect(at('general')).toBe(r.kpis['admissions']);
    expect(at('perinatal')).toBe(0);
  });
});

describe('converting acute beds to recovery where recovery is short', () => {
  // One area: plenty of acute beds, few recovery beds; most acute stays step down to recovery.
  const short = buildRegion({
    areas: [{ id: 'a' }],
    municipalities: [{ id: 'm', area: 'a', lat: 38.26, lng: 140.87, population: 100_000 }],
    hospitals: [
      { id: 'h1', area: 'a', municipality: 'm', lat: 38.26, lng: 140.87, beds: { acute: 150, recovery: 20 } },
      { id: 'h2', area: 'a', municipality: 'm', lat: 38.3, lng: 140.9, beds: { acute: 100, recovery: 10 } },
    ],
    conditions: [
      condition({
        id: 'x',
        ratePer100k: 2 * 365,
        phases: [
          { id: 'acute', function: 'acute', meanDays: 5, next: [['rehab', 0.8]] },
          { id: 'rehab', function: 'recovery', meanDays: 20 },
        ],
      }),
    ],
  });
  const runs = (policies: Policy[]) =>
    [0, 1, 2, 3].map((i) =>
      runReplication(resolvedScenario(short, { horizonDays: 120, warmupDays: 60, policies }), i),
    );

  it('lowers the days patients wait in acute beds for a recovery bed (paired)', () => {
    const before = runs([]);
    const after = runs([{ kind: 'convertBeds', area: 'a', from: 'acute', to: 'recovery', count: 20 }]);
    const d = compareResults(before, after).kpis['bedBlocking.days.recovery'];
    expect(d.a).toBeGreaterThan(100);
    expect(d.hi, `${d.a} → ${d.b}`).toBeLessThan(0);
  });
});
