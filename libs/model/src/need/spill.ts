// Where congestion moves the expected census. The congestion-free flows send, say, every
// ambulance patient of a ward to its nearest capable hospital and put more patients in a
// university hospital's acute ward than it has beds; in the simulation a full hospital refuses
// and the patient goes to the next one of the area (candidates, gravity redirects, transfers),
// and a full area's patients go to the adjacent areas (their hospitals are on the same lists).
// The initial census starts from that state, so a warm start shows no transient of other
// hospitals filling up. (The MHLW static need keeps the congestion-free flows, as the formula
// does.)
import type { Facilities } from '../region/facilities';
import type { Network } from '../region/network';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import type { ExpectedFlows } from './expected-flows';

/**
 * A copy of `flows` with, per function: (1) per area in index order, bed-days beyond the
 * area's beds moved to the adjacent areas' hospitals of that function (the tail of the area's
 * transfer list); (2) in every area, bed-days beyond a hospital's beds moved to the area's
 * hospitals with free beds. Receivers share in proportion to their free beds and are at most filled;
 * what finds no room stays. Moved bed-days keep their phase mix and home municipalities.
 */
export function spillToNeighbours(
  flows: ExpectedFlows,
  index: RegionIndex,
  facilities: Facilities,
  network: Network,
): ExpectedFlows {
  const out: ExpectedFlows = {
    homeBedDays: flows.homeBedDays.slice(),
    poolBedDays: flows.poolBedDays.slice(),
    poolPhaseBedDays: flows.poolPhaseBedDays.slice(),
    hospitalMunicipality: flows.hospitalMunicipality.map((m) => new Map(m)),
    unplaced: flows.unplaced,
    // The static need keeps the congestion-free need-days.
    homeNeedDays: flows.homeNeedDays,
    treatingNeedDays: flows.treatingNeedDays,
  };
  const yearBeds = (pool: number): number => facilities.capacity(pool) * 365;
  const excess = (pool: number): number => Math.max(0, out.poolBedDays[pool] - yearBeds(pool));
  const room = (pool: number): number => Math.max(0, yearBeds(pool) - out.poolBedDays[pool]);
  for (let f = 0; f < FUNCTIONS; f++) {
    const areaPools: number[][] = Array.from({ length: index.areaCount }, () => []);
    for (let h = 0; h < index.hospitalCount; h++)
      if (facilities.offers(h, f)) areaPools[index.hospitalArea[h]].push(h * FUNCTIONS + f);
    for (let a = 0; a < index.areaCount; a++) {
      const pools = areaPools[a];
      let load = 0;
      let beds = 0;
      for (const pool of pools) {
        load += out.poolBedDays[pool];
        beds += yearBeds(pool);
      }
      if (pools.length === 0 || load <= beds) continue;
      const slot = a * FUNCTIONS + f;
      const s = network.transferStart[slot];
      const near: number[] = [];
      for (let i = network.transferHomeCount[slot]; i < network.transferCount[slot]; i++) {
        const pool = network.transferHospital[s + i] * FUNCTIONS + f;
        if (room(pool) > 0) near.push(pool);
      }
      // Every pool of the full area gives the same fraction of its load.
      move(
        out,
        index,
        room,
        pools,
        pools.map((pool) => (out.poolBedDays[pool] * (load - beds)) / load),
        near,
      );
    }
    for (const pools of areaPools) {
      const over = pools.filter((pool) => excess(pool) > 0);
      if (over.length > 0)
        move(
          out,
          index,
          room,
          over,
          over.map(excess),
          pools.filter((pool) => room(pool) > 0),
        );
    }
  }
  return out;
}

/**
 * Moves up to `amounts[i]` bed-days out of `givers[i]` (scaled down together when the receivers'
 * free beds are fewer) into `receivers`, shared by their free beds.
 */
function move(
  out: ExpectedFlows,
  index: RegionIndex,
  room: (pool: number) => number,
  givers: number[],
  amounts: number[],
  receivers: number[],
): void {
  const P = index.pathways.phaseCount;
  const want = amounts.reduce((s, x) => s + x, 0);
  if (!(want > 0) || receivers.length === 0) return;
  const roomOf = receivers.map(room);
  const totalRoom = roomOf.reduce((s, x) => s + x, 0);
  const moved = Math.min(want, totalRoom);
  if (!(moved > 0)) return;
  const scale = moved / want;
  const phases = new Float64Array(P);
  const municipalities = new Map<number, number>();
  givers.forEach((pool, i) => {
    const part = amounts[i] * scale;
    const load = out.poolBedDays[pool];
    if (!(part > 0) || !(load > 0)) return;
    const fraction = part / load;
    out.poolBedDays[pool] -= part;
    for (let p = 0; p < P; p++) {
      const bd = out.poolPhaseBedDays[pool * P + p] * fraction;
      out.poolPhaseBedDays[pool * P + p] -= bd;
      phases[p] += bd;
    }
    // Home municipalities are kept per hospital (all functions): move the hospital's mix.
    const byMunicipality = out.hospitalMunicipality[pool >> 2];
    let weight = 0;
    for (const w of byMunicipality.values()) weight += w;
    if (!(weight > 0)) return;
    const take = Math.min(part, weight);
    for (const [m, w] of byMunicipality) {
      const bd = (take * w) / weight;
      byMunicipality.set(m, w - bd);
      municipalities.set(m, (municipalities.get(m) ?? 0) + bd);
    }
  });
  receivers.forEach((pool, i) => {
    const share = roomOf[i] / totalRoom;
    if (!(share > 0)) return;
    out.poolBedDays[pool] += moved * share;
    for (let p = 0; p < P; p++) out.poolPhaseBedDays[pool * P + p] += phases[p] * share;
    const byMunicipality = out.hospitalMunicipality[pool >> 2];
    for (const [m, bd] of municipalities) byMunicipality.set(m, (byMunicipality.get(m) ?? 0) + bd * share);
  });
}
