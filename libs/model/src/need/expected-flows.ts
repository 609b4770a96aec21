// Expected bed-days per year from the model's own inputs, without congestion: where each
// municipality's patients are admitted (ambulance patients at the nearest capable hospital,
// walk-ins and electives by the gravity shares) and where each later phase happens (the same
// hospital when it offers the function, else the home area's transfer hospitals by beds; the
// adjacent areas' transfer hospitals take only what congestion sends them).
// Used for the MHLW static need by treating area and for the initial census.
import { Facilities, Levers } from '../region/facilities';
import { Network, ROUTE_KEYS, routeKey } from '../region/network';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import { AGES, yearlyAdmissions } from '../demand/rates';

export interface ExpectedFlows {
  /** bed-days per year by home area (患者住所地) × function */
  homeBedDays: Float64Array;
  /** bed-days per year by pool (hospital × function) */
  poolBedDays: Float64Array;
  /** bed-days per year by pool × phase, [pool × P + phase] (the census mix of a pool) */
  poolPhaseBedDays: Float64Array;
  /** bed-days per year by hospital × home municipality of the patients admitted there */
  hospitalMunicipality: Array<Map<number, number>>;
  /** bed-days per year that no hospital in reach can take */
  unplaced: number;
}

export function expectedFlows(
  index: RegionIndex,
  facilities: Facilities,
  levers: Levers,
  network: Network,
  year: number,
  demandScale: number,
): ExpectedFlows {
  const path = index.pathways;
  const P = path.phaseCount;
  const A = index.areaCount;
  const H = index.hospitalCount;
  const out: ExpectedFlows = {
    homeBedDays: new Float64Array(A * FUNCTIONS),
    poolBedDays: new Float64Array(H * FUNCTIONS),
    poolPhaseBedDays: new Float64Array(H * FUNCTIONS * P),
    hospitalMunicipality: Array.from({ length: H }, () => new Map<number, number>()),
    unplaced: 0,
  };
  // Phases that happen away from the admitting hospital, gathered per (home area, function,
  // phase) and spread over the transfer hospitals once at the end.
  const transferred = new Float64Array(A * FUNCTIONS * P);

  const visitsByEntry = new Map<number, Float64Array>();
  const visitsFrom = (e: number): Float64Array => {
    let v = visitsByEntry.get(e);
    if (!v) {
      const init = new Float64Array(P);
      init[e] = 1;
      v = path.visitsFrom(init);
      visitsByEntry.set(e, v);
    }
    return v;
  };

  const place = (m: number, c: number, e: number, h: number, patients: number): void => {
    const home = index.municipalityArea[m];
    const v = visitsFrom(e);
    for (let p = 0; p < P; p++) {
      if (v[p] === 0) continue;
      const f = path.phaseFunction[p];
      const bd = patients * v[p] * path.phaseMeanDays[p] * levers.losMultiplier[c * FUNCTIONS + f];
      out.homeBedDays[home * FUNCTIONS + f] += bd;
      if (facilities.offers(h, f)) {
        out.poolBedDays[h * FUNCTIONS + f] += bd;
        out.poolPhaseBedDays[(h * FUNCTIONS + f) * P + p] += bd;
        const w = out.hospitalMunicipality[h];
        w.set(m, (w.get(m) ?? 0) + bd);
      } else transferred[(home * FUNCTIONS + f) * P + p] += bd;
    }
  };
  const unplaced = (c: number, e: number, patients: number, home: number): void => {
    const v = visitsFrom(e);
    for (let p = 0; p < P; p++) {
      const f = path.phaseFunction[p];
      const bd = patients * v[p] * path.phaseMeanDays[p] * levers.losMultiplier[c * FUNCTIONS + f];
      out.homeBedDays[home * FUNCTIONS + f] += bd;
      out.unplaced += bd;
    }
  };

  for (let c = 0; c < path.conditionCount; c++) {
    const cells = yearlyAdmissions(index, c, year);
    const amb = path.ambulanceShare[c];
    const entries = path.entryShares(c);
    for (let m = 0; m < index.municipalityCount; m++) {
      let yearly = 0;
      for (let a = 0; a < AGES; a++) yearly += cells[m * AGES + a];
      yearly *= demandScale;
      if (yearly === 0) continue;
      const byAmbulance = network.baseListCount[m] > 0 ? amb : 0;
      for (const [e, share] of entries) {
        const slot = m * ROUTE_KEYS + routeKey(path.capability[c], path.phaseFunction[e]);
        const patients = yearly * share;
        if (network.candidateCount[slot] > 0)
          place(m, c, e, network.candidateHospital[network.candidateStart[slot]], patients * byAmbulance);
        else unplaced(c, e, patients * byAmbulance, index.municipalityArea[m]);
        const n = network.gravityCount[slot];
        const s = network.gravityStart[slot];
        if (n === 0) unplaced(c, e, patients * (1 - byAmbulance), index.municipalityArea[m]);
        for (let i = 0; i < n; i++)
          place(
            m,
            c,
            e,
            network.gravityHospital[s + i],
            patients * (1 - byAmbulance) * network.gravityShare[s + i],
          );
      }
    }
  }

  for (let a = 0; a < A; a++) {
    for (let f = 0; f < FUNCTIONS; f++) {
      // Without congestion a step-down finds a bed in its home area: only those hospitals count.
      const n = network.transferHomeCount[a * FUNCTIONS + f];
      const s = network.transferStart[a * FUNCTIONS + f];
      let beds = 0;
      for (let i = 0; i < n; i++)
        beds += facilities.capacity(network.transferHospital[s + i] * FUNCTIONS + f);
      for (let p = 0; p < P; p++) {
        const bd = transferred[(a * FUNCTIONS + f) * P + p];
        if (bd === 0) continue;
        if (beds === 0) {
          out.unplaced += bd;
          continue;
        }
        for (let i = 0; i < n; i++) {
          const pool = network.transferHospital[s + i] * FUNCTIONS + f;
          const part = (bd * facilities.capacity(pool)) / beds;
          out.poolBedDays[pool] += part;
          out.poolPhaseBedDays[pool * P + p] += part;
        }
      }
    }
  }
  return out;
}
