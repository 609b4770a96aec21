// Expected bed-days per year from the model's own inputs, without congestion: where each
// municipality's patients are admitted (ambulance patients at the nearest capable hospital,
// walk-ins and scheduled patients by the gravity shares) and where each later phase happens (the same
// hospital when it offers the function, else the home area's transfer hospitals by beds; the
// adjacent areas' transfer hospitals take only what congestion sends them).
// Bed-days are by the ward a phase occupies (the simulation's pools, the initial census);
// need-days count each day in the function of its 医療資源投入量 (the MHLW static need), so a
// late day of an acute stay at 400 points is recovery need wherever it is spent.
// Used for the MHLW static need and for the initial census.
import { Facilities, Levers } from '../region/facilities';
import { Network, ROUTE_KEYS, routeKey } from '../region/network';
import { AFTER_HIGH_ACUTE, DIRECT, FUNCTION_INDEX, Pathways } from '../region/pathways';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import { yearlyByMunicipality } from '../demand/rates';
import { expectedDaysBetween } from './stay-days';

const HIGH_ACUTE = FUNCTION_INDEX.highAcute;

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
  /** need-days per year (each day in the function of its points) by home area × function */
  homeNeedDays: Float64Array;
  /** need-days per year by the area of the hospital where the day is spent × function */
  treatingNeedDays: Float64Array;
}

/**
 * Expected need-days per visit of each phase, [phase × FUNCTIONS + function], for patients who
 * start at phase `entry`: the phase's segments (after a high-acute phase, its `afterHighAcute`
 * ones) over its stay distribution, scaled by the length-of-stay lever of its ward. Days below
 * the discharge-adjustment floor are home care and count nowhere.
 */
export function needDaysPerAdmission(path: Pathways, levers: Levers, visits: Float64Array): Float64Array {
  const P = path.phaseCount;
  const out = new Float64Array(P * FUNCTIONS);
  // Visits that step down from a high-acute phase use that variant's segments.
  const afterHighAcute = new Float64Array(P);
  for (let q = 0; q < P; q++) {
    if (visits[q] === 0 || path.phaseFunction[q] !== HIGH_ACUTE) continue;
    const b = path.branchStart[q];
    for (let i = 0; i < path.branchCount[q]; i++) {
      const t = path.branchTarget[b + i];
      if (t < 0) continue;
      const prev = i === 0 ? 0 : path.branchCum[b + i - 1];
      afterHighAcute[t] += visits[q] * (path.branchCum[b + i] - prev);
    }
  }
  for (let p = 0; p < P; p++) {
    if (visits[p] === 0) continue;
    const c = path.phaseCondition[p];
    const mean = path.phaseMeanDays[p] * levers.losMultiplier[c * FUNCTIONS + path.phaseFunction[p]];
    const stepped = Math.min(afterHighAcute[p], visits[p]);
    for (const [variant, n] of [
      [DIRECT, visits[p] - stepped],
      [AFTER_HIGH_ACUTE, stepped],
    ]) {
      if (!(n > 0)) continue;
      const v = p * 2 + variant;
      let from = 0;
      for (let s = path.segStart[v]; s < path.segStart[v] + path.segCount[v]; s++) {
        const until = path.segUntil[s];
        const g = path.segFunction[s];
        if (g >= 0)
          out[p * FUNCTIONS + g] +=
            n * expectedDaysBetween(path.phaseShape[p], mean, path.phaseCv[p], from, until);
        from = until;
      }
    }
  }
  return out;
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
    homeNeedDays: new Float64Array(A * FUNCTIONS),
    treatingNeedDays: new Float64Array(A * FUNCTIONS),
  };
  // Phases that happen away from the admitting hospital, gathered per (home area, function,
  // phase) and spread over the transfer hospitals once at the end.
  const transferred = new Float64Array(A * FUNCTIONS * P);

  const visitsByEntry = new Map<number, Float64Array>();
  const needByEntry = new Map<number, Float64Array>();
  const visitsFrom = (e: number): Float64Array => {
    let v = visitsByEntry.get(e);
    if (!v) {
      const init = new Float64Array(P);
      init[e] = 1;
      v = path.visitsFrom(init);
      visitsByEntry.set(e, v);
      needByEntry.set(e, needDaysPerAdmission(path, levers, v));
    }
    return v;
  };
  /** need-days of phase p's days by function, for `patients` entering at e, into area a's row */
  const addNeed = (into: Float64Array, a: number, e: number, p: number, patients: number): void => {
    const need = needByEntry.get(e)!;
    for (let g = 0; g < FUNCTIONS; g++) into[a * FUNCTIONS + g] += patients * need[p * FUNCTIONS + g];
  };
  // Need-days of phases spent away from the admitting hospital, per (home area, ward function).
  const transferredNeed = new Float64Array(A * FUNCTIONS * FUNCTIONS);

  const place = (m: number, c: number, e: number, h: number, patients: number): void => {
    const home = index.municipalityArea[m];
    const v = visitsFrom(e);
    for (let p = 0; p < P; p++) {
      if (v[p] === 0) continue;
      const f = path.phaseFunction[p];
      const bd = patients * v[p] * path.phaseMeanDays[p] * levers.losMultiplier[c * FUNCTIONS + f];
      out.homeBedDays[home * FUNCTIONS + f] += bd;
      addNeed(out.homeNeedDays, home, e, p, patients);
      if (facilities.offers(h, f)) {
        out.poolBedDays[h * FUNCTIONS + f] += bd;
        out.poolPhaseBedDays[(h * FUNCTIONS + f) * P + p] += bd;
        addNeed(out.treatingNeedDays, index.hospitalArea[h], e, p, patients);
        const w = out.hospitalMunicipality[h];
        w.set(m, (w.get(m) ?? 0) + bd);
      } else {
        transferred[(home * FUNCTIONS + f) * P + p] += bd;
        addNeed(transferredNeed, home * FUNCTIONS + f, e, p, patients);
      }
    }
  };
  const unplaced = (c: number, e: number, patients: number, home: number): void => {
    const v = visitsFrom(e);
    for (let p = 0; p < P; p++) {
      const f = path.phaseFunction[p];
      const bd = patients * v[p] * path.phaseMeanDays[p] * levers.losMultiplier[c * FUNCTIONS + f];
      out.homeBedDays[home * FUNCTIONS + f] += bd;
      addNeed(out.homeNeedDays, home, e, p, patients);
      out.unplaced += bd;
    }
  };

  for (let c = 0; c < path.conditionCount; c++) {
    const byMunicipality = yearlyByMunicipality(index, c, year);
    const amb = path.ambulanceShare[c];
    const entries = path.entryShares(c);
    for (let m = 0; m < index.municipalityCount; m++) {
      const yearly = byMunicipality[m] * demandScale;
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
      // Need-days go where those bed-days go: to the transfer hospitals' areas, by beds.
      for (let i = 0; i < n && beds > 0; i++) {
        const h = network.transferHospital[s + i];
        const share = facilities.capacity(h * FUNCTIONS + f) / beds;
        const area = index.hospitalArea[h];
        for (let g = 0; g < FUNCTIONS; g++)
          out.treatingNeedDays[area * FUNCTIONS + g] +=
            transferredNeed[(a * FUNCTIONS + f) * FUNCTIONS + g] * share;
      }
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
