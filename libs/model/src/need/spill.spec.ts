import { describe, expect, it } from 'vitest';
import { buildRegion, condition } from '../testing/region-builder';
import { Facilities, Levers } from '../region/facilities';
import { Network, usedRouteKeys } from '../region/network';
import { RegionIndex } from '../region/region-index';
import type { ExpectedFlows } from './expected-flows';
import { spillToNeighbours } from './spill';

// Area "city" has two acute hospitals of 10 beds; the adjacent area "town" one of 20.
const region = buildRegion({
  areas: [
    { id: 'city', adjacent: ['town'] },
    { id: 'town', adjacent: ['city'] },
  ],
  municipalities: [
    { id: 'c', area: 'city', lat: 38, lng: 140.0, population: 1000 },
    { id: 't', area: 'town', lat: 38, lng: 140.3, population: 1000 },
  ],
  hospitals: [
    { id: 'c1', area: 'city', municipality: 'c', lat: 38, lng: 140.0, beds: { acute: 10 } },
    { id: 'c2', area: 'city', municipality: 'c', lat: 38, lng: 140.02, beds: { acute: 10 } },
    { id: 't1', area: 'town', municipality: 't', lat: 38, lng: 140.3, beds: { acute: 20 } },
  ],
  conditions: [
    condition({
      id: 'x',
      ratePer100k: 100,
      phases: [
        { id: 'a', function: 'acute', meanDays: 5, next: [['b', 1]] },
        { id: 'b', function: 'acute', meanDays: 5 },
      ],
    }),
  ],
});

const ACUTE = 1;
function setup() {
  const index = new RegionIndex(region, []);
  const facilities = new Facilities(index);
  const network = new Network(index, facilities, new Levers(index), usedRouteKeys(index));
  const P = index.pathways.phaseCount;
  const H = index.hospitalCount;
  const flows: ExpectedFlows = {
    homeBedDays: new Float64Array(index.areaCount * 4),
    poolBedDays: new Float64Array(H * 4),
    poolPhaseBedDays: new Float64Array(H * 4 * P),
    hospitalMunicipality: Array.from({ length: H }, () => new Map<number, number>()),
    unplaced: 0,
    homeNeedDays: new Float64Array(index.areaCount * 4),
    treatingNeedDays: new Float64Array(index.areaCount * 4),
  };
  // Congestion-free census: 15 patients in c1 (a third in phase b), 8 in c2, none in t1.
  const put = (h: number, census: number) => {
    const pool = h * 4 + ACUTE;
    flows.poolBedDays[pool] = census * 365;
    flows.poolPhaseBedDays[pool * P] = (census * 365 * 2) / 3;
    flows.poolPhaseBedDays[pool * P + 1] = (census * 365) / 3;
    flows.hospitalMunicipality[h].set(0, census * 365);
  };
  put(0, 15);
  put(1, 8);
  return { index, facilities, network, flows, P };
}

describe('the census where congestion puts it', () => {
  it("moves a full area's excess to the adjacent area and evens out its own hospitals", () => {
    const { index, facilities, network, flows } = setup();
    const spilled = spillToNeighbours(flows, index, facilities, network);
    const census = [0, 1, 2].map((h) => spilled.poolBedDays[h * 4 + ACUTE] / 365);
    expect(census[0]).toBeCloseTo(10, 9);
    expect(census[1]).toBeCloseTo(10, 9);
    expect(census[2]).toBeCloseTo(3, 9);
    // The input is left as it was.
    expect(flows.poolBedDays[ACUTE] / 365).toBe(15);
  });

  it('keeps the bed-days, their phase mix and their home municipality', () => {
    const { index, facilities, network, flows, P } = setup();
    const spilled = spillToNeighbours(flows, index, facilities, network);
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    expect(sum(spilled.poolBedDays)).toBeCloseTo(sum(flows.poolBedDays), 6);
    const t1 = 2 * 4 + ACUTE;
    expect(spilled.poolPhaseBedDays[t1 * P] / spilled.poolBedDays[t1]).toBeCloseTo(2 / 3, 9);
    expect(spilled.hospitalMunicipality[2].get(0)).toBeCloseTo(3 * 365, 6);
  });

  it('changes nothing when every hospital has room', () => {
    const { index, facilities, network, flows } = setup();
    flows.poolBedDays[ACUTE] = 9 * 365;
    const spilled = spillToNeighbours(flows, index, facilities, network);
    expect(Array.from(spilled.poolBedDays)).toEqual(Array.from(flows.poolBedDays));
  });
});
