import { describe, expect, it } from 'vitest';
import { applyPolicy } from '../policies/apply';
import { buildRegion, condition } from '../testing/region-builder';
import { Facilities, Levers } from './facilities';
import { Network, ROUTE_KEYS, routeKey, usedRouteKeys } from './network';
import { CAPABILITY_INDEX, NO_CAPABILITY } from './pathways';
import { RegionIndex } from './region-index';

// Three areas in a row (west — middle — east); hospitals along a line of longitude.
const region = buildRegion({
  areas: [{ id: 'west', adjacent: ['middle'] }, { id: 'middle', adjacent: ['west', 'east'] }, { id: 'east' }],
  municipalities: [
    { id: 'w', area: 'west', lat: 38, lng: 140.0, population: 1000 },
    { id: 'm', area: 'middle', lat: 38, lng: 140.5, population: 1000 },
    { id: 'e', area: 'east', lat: 38, lng: 141.0, population: 1000 },
  ],
  hospitals: [
    {
      id: 'w1',
      area: 'west',
      municipality: 'w',
      lat: 38,
      lng: 140.0,
      beds: { acute: 50, recovery: 10 },
      capabilities: ['stroke'],
    },
    { id: 'w2', area: 'west', municipality: 'w', lat: 38, lng: 140.1, beds: { acute: 10 } },
    {
      id: 'm1',
      area: 'middle',
      municipality: 'm',
      lat: 38,
      lng: 140.5,
      beds: { acute: 20 },
      capabilities: ['stroke'],
    },
    {
      id: 'e1',
      area: 'east',
      municipality: 'e',
      lat: 38,
      lng: 141.0,
      beds: { acute: 80, recovery: 40 },
      capabilities: ['stroke'],
    },
  ],
  bases: [{ id: 'bm', area: 'middle', municipality: 'm', lat: 38, lng: 140.5, vehicles: 2 }],
  conditions: [
    condition({
      id: 'stroke',
      ratePer100k: 100,
      capability: 'stroke',
      phases: [{ id: 'a', function: 'acute', meanDays: 5 }],
    }),
  ],
});

function build(policies: Parameters<typeof applyPolicy>[0][] = []) {
  const index = new RegionIndex(region, []);
  const facilities = new Facilities(index);
  const levers = new Levers(index);
  policies.forEach((p, i) => applyPolicy(p, `policies[${i}]`, index, facilities, levers));
  return { index, network: new Network(index, facilities, levers, usedRouteKeys(index)) };
}
const candidates = (b: ReturnType<typeof build>, muni: string, capability: number, f = 1): string[] => {
  const m = b.index.municipalityIndex.get(muni) as number;
  const slot = m * ROUTE_KEYS + routeKey(capability, f);
  const s = b.network.candidateStart[slot];
  return Array.from(
    b.network.candidateHospital.subarray(s, s + b.network.candidateCount[slot]),
    (h) => b.index.hospitalIds[h],
  );
};

describe('routing tables', () => {
  const stroke = CAPABILITY_INDEX['stroke'];

  it('lists capable hospitals of the home and adjacent areas, nearest first', () => {
    const b = build();
    expect(candidates(b, 'w', stroke)).toEqual(['w1', 'm1']);
    expect(candidates(b, 'm', stroke)).toEqual(['m1', 'w1', 'e1']);
    expect(candidates(b, 'm', NO_CAPABILITY)).toEqual(['m1', 'w2', 'w1', 'e1']);
  });

  it('drops hospitals behind a closed link and hospitals that close', () => {
    const b = build([
      { kind: 'travel', closedLinks: [['middle', 'west']] },
      { kind: 'closeHospital', hospital: 'e1' },
    ]);
    expect(candidates(b, 'm', stroke)).toEqual(['m1']);
  });

  it('sends step-down transfers of an area without that function to its neighbours', () => {
    const b = build();
    const middle = b.index.areaIndex.get('middle') as number;
    const s = b.network.transferStart[middle * 4 + 2];
    const n = b.network.transferCount[middle * 4 + 2];
    expect(Array.from(b.network.transferHospital.subarray(s, s + n), (h) => b.index.hospitalIds[h])).toEqual([
      'e1',
      'w1',
    ]);
  });

  it("lists the home area's transfer hospitals first and the adjacent areas' after them", () => {
    const b = build();
    const west = b.index.areaIndex.get('west') as number;
    const s = b.network.transferStart[west * 4 + 1];
    const n = b.network.transferCount[west * 4 + 1];
    expect(Array.from(b.network.transferHospital.subarray(s, s + n), (h) => b.index.hospitalIds[h])).toEqual([
      'w1',
      'w2',
      'm1',
    ]);
    expect(b.network.transferHomeCount[west * 4 + 1]).toBe(2);
  });

  it("lists a hospital's step-down destinations in reach nearest first, its own area's also apart", () => {
    const b = build();
    const id = (h: number) => b.index.hospitalIds[h];
    const w2 = b.index.hospital('w2', 'test');
    const list = (start: Int32Array, count: Int32Array, f: number) =>
      Array.from(
        b.network.nearbyHospital.subarray(start[w2 * 4 + f], start[w2 * 4 + f] + count[w2 * 4 + f]),
        id,
      );
    expect(list(b.network.nearbyStart, b.network.nearbyCount, 1)).toEqual(['w2', 'w1', 'm1']);
    expect(list(b.network.nearbyOwnStart, b.network.nearbyOwnCount, 1)).toEqual(['w2', 'w1']);
    // East lies beyond west's reach.
    expect(list(b.network.nearbyStart, b.network.nearbyCount, 2)).toEqual(['w1']);
  });

  it('knows whose transfer candidates a hospital of another area lists', () => {
    const b = build();
    const A = 3;
    const [west, middle, east] = ['west', 'middle', 'east'].map((a) => b.index.areaIndex.get(a) as number);
    // Middle reaches everything west reaches; west does not reach east's neighbours (middle, east).
    expect(b.network.reachCovers[middle * A + west]).toBe(1);
    expect(b.network.reachCovers[west * A + east]).toBe(0);
    expect(b.network.reach[west * A + east]).toBe(0);
  });

  it("lets a freed bed serve its own area's transfer line before the neighbours'", () => {
    const b = build();
    const middle = b.index.areaIndex.get('middle') as number;
    const s = b.network.transferServedStart[middle * 4 + 1];
    const n = b.network.transferServedCount[middle * 4 + 1];
    expect(Array.from(b.network.transferServedArea.subarray(s, s + n), (a) => b.index.areaIds[a])).toEqual([
      'middle',
      'west',
      'east',
    ]);
  });

  it('serves an area without ambulance bases from the nearest neighbouring area', () => {
    const b = build();
    const w = b.index.municipalityIndex.get('w') as number;
    expect(b.index.areaIds[b.network.dispatchArea[w]]).toBe('middle');
    expect(b.network.baseListCount[w]).toBe(1);
  });

  it('gives slower roads longer travel times', () => {
    const fast = build();
    const slow = build([{ kind: 'travel', speedFactor: 0.5 }]);
    expect(slow.network.minutesMunicipalityToHospital(0, 2)).toBeCloseTo(
      2 * fast.network.minutesMunicipalityToHospital(0, 2),
      9,
    );
  });
});

describe('policies on the facilities', () => {
  it('spreads an area bed target over its hospitals in proportion to their beds', () => {
    const index = new RegionIndex(region, []);
    const f = new Facilities(index);
    applyPolicy({ kind: 'setBeds', area: 'west', beds: { acute: 30 } }, 'p', index, f, new Levers(index));
    expect([f.capacity(0 * 4 + 1), f.capacity(1 * 4 + 1)]).toEqual([25, 5]);
  });

  it('converts beds between functions without creating or losing any', () => {
    const index = new RegionIndex(region, []);
    const f = new Facilities(index);
    applyPolicy(
      { kind: 'convertBeds', hospital: 'e1', from: 'acute', to: 'recovery', count: 30 },
      'p',
      index,
      f,
      new Levers(index),
    );
    expect([f.capacity(3 * 4 + 1), f.capacity(3 * 4 + 2)]).toEqual([50, 70]);
  });

  it('merges beds and capabilities into the receiving hospital and closes the other', () => {
    const index = new RegionIndex(region, []);
    const f = new Facilities(index);
    applyPolicy({ kind: 'mergeHospitals', hospitals: ['w2'], into: 'm1' }, 'p', index, f, new Levers(index));
    expect(f.capacity(2 * 4 + 1)).toBe(30);
    expect(f.open[1]).toBe(0);
  });
});
