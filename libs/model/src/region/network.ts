// Precomputed routing tables (rebuilt only when a policy changes hospitals, beds or roads):
// - per (municipality, capability, function): the K nearest capable hospitals with beds of
//   that function in the home and adjacent areas, in travel order (ambulance inquiries);
// - per (municipality, capability, function): a gravity table over the same kind of hospitals
//   (walk-ins and scheduled patients choose by beds over travel time squared, sampled by alias);
// - per (area, function): hospitals that take transfers (回復期/慢性期 step-down), the home
//   area's first, then those of the adjacent areas (the candidate set of a transfer line);
// - per (hospital, function): the open hospitals of the areas it reaches that offer the
//   function, nearest to it first (a step-down takes the nearest free bed of its set);
// - per municipality: ambulance bases that may answer its calls (its own area's, and any
//   other base within the vehicle reach: mutual aid), nearest first; per base, the areas whose
//   call queues it may serve.
// Nothing is sorted per call; a closed link between two areas makes their hospitals unreachable.
import { FUNCTIONS, RegionIndex } from './region-index';
import { Facilities, Levers } from './facilities';
import { CAPABILITY_KEYS, NO_CAPABILITY } from './pathways';
import { haversineKm, travelMinutes } from './geo';
import type { TravelRule } from './geo';
import { buildAlias } from './alias';

export const ROUTE_KEYS = CAPABILITY_KEYS * FUNCTIONS;
export function routeKey(capability: number, f: number): number {
  return capability * FUNCTIONS + f;
}

/** Gravity rule: attractiveness = beds of the function ÷ max(minutes, floor)^β. */
const GRAVITY_BETA = 2;
const GRAVITY_MINUTES_FLOOR = 10;
/** Gravity tables keep the nearest this many hospitals (bounded work on Japan-size regions). */
const GRAVITY_MAX_CHOICES = 24;

interface Reach {
  h: number;
  minutes: number;
}

/** Which areas each area reaches (itself and its open adjacent links) and the hospitals of each area. */
interface AreaReach {
  hospitalsOfArea: number[][];
  reachableAreas: number[][];
  reachable: (from: number, to: number) => boolean;
}

/** Flat per-slot lists: entries start..start+count of the flat arrays belong to a slot. */
interface ChoiceTables {
  candidateStart: Int32Array;
  candidateCount: Int32Array;
  candidateNearCount: Int32Array;
  candidateHospital: Int32Array;
  candidateMinutes: Float64Array;
  gravityStart: Int32Array;
  gravityCount: Int32Array;
  gravityHospital: Int32Array;
  gravityMinutes: Float64Array;
  /** unnormalised gravity weights, flat like gravityHospital */
  gravityWeights: number[];
}

interface GravitySampling {
  gravityShare: Float64Array;
  gravityProb: Float64Array;
  gravityAlias: Int32Array;
}

interface TransferTables {
  transferStart: Int32Array;
  transferCount: Int32Array;
  transferHomeCount: Int32Array;
  transferHospital: Int32Array;
}

interface NearbyTables {
  nearbyStart: Int32Array;
  nearbyCount: Int32Array;
  nearbyOwnStart: Int32Array;
  nearbyOwnCount: Int32Array;
  nearbyHospital: Int32Array;
}

interface ReachTables {
  reach: Uint8Array;
  reachCovers: Uint8Array;
}

interface TransferServedTables {
  transferServedStart: Int32Array;
  transferServedCount: Int32Array;
  transferServedArea: Int32Array;
}

interface BaseTables {
  baseListStart: Int32Array;
  baseListCount: Int32Array;
  baseListBase: Int32Array;
  baseListMinutes: Float64Array;
  dispatchArea: Int32Array;
  baseServedStart: Int32Array;
  baseServedCount: Int32Array;
  baseServedArea: Int32Array;
}

export class Network {
  readonly rule: TravelRule;
  readonly candidateStart: Int32Array;
  readonly candidateCount: Int32Array;
  /** leading entries of a candidate list that are the K nearest of the home and adjacent areas */
  readonly candidateNearCount: Int32Array;
  readonly candidateHospital: Int32Array;
  readonly candidateMinutes: Float64Array;

  readonly gravityStart: Int32Array;
  readonly gravityCount: Int32Array;
  readonly gravityHospital: Int32Array;
  readonly gravityMinutes: Float64Array;
  /** normalised choice probabilities (used by expected flows) */
  readonly gravityShare: Float64Array;
  readonly gravityProb: Float64Array;
  readonly gravityAlias: Int32Array;

  readonly transferStart: Int32Array;
  readonly transferCount: Int32Array;
  /** leading entries of a transfer list that lie in the home area (all of them when it has none) */
  readonly transferHomeCount: Int32Array;
  readonly transferHospital: Int32Array;
  /**
   * per (hospital h, function f), [h × 4 + f]: the open hospitals offering f in the areas h's
   * area reaches, nearest to h first (h itself included when it offers f)
   */
  readonly nearbyStart: Int32Array;
  readonly nearbyCount: Int32Array;
  /** the same for the hospitals of h's own area only (the usual step-down: home area = h's area) */
  readonly nearbyOwnStart: Int32Array;
  readonly nearbyOwnCount: Int32Array;
  /** both kinds of list, flat */
  readonly nearbyHospital: Int32Array;
  /** [a × A + b] = 1 when area a reaches area b (itself, or adjacent over an open link) */
  readonly reach: Uint8Array;
  /** [b × A + a] = 1 when every area a reaches is reached from b too (b's nearby lists hold a's set) */
  readonly reachCovers: Uint8Array;
  /** for a bed freed in (area, function): the home areas whose transfer queues may take it */
  readonly transferServedStart: Int32Array;
  readonly transferServedCount: Int32Array;
  readonly transferServedArea: Int32Array;

  readonly baseListStart: Int32Array;
  readonly baseListCount: Int32Array;
  readonly baseListBase: Int32Array;
  readonly baseListMinutes: Float64Array;
  /** the area whose vehicles (and call queue) serve a municipality */
  readonly dispatchArea: Int32Array;
  /** per base: the areas whose call queues its freed vehicles may serve, its own first */
  readonly baseServedStart: Int32Array;
  readonly baseServedCount: Int32Array;
  readonly baseServedArea: Int32Array;

  private readonly index: RegionIndex;

  constructor(index: RegionIndex, facilities: Facilities, levers: Levers, usedKeys: ReadonlySet<number>) {
    this.index = index;
    const t = index.region.transport;
    this.rule = {
      roadFactor: t.roadFactor,
      speedKmh: t.speedKmh,
      speedFactor: levers.speedFactor,
      localDistanceKm: t.localDistanceKm,
    };
    const reach = areaReach(index, levers);

    const choice = this.buildChoiceTables(reach, facilities, usedKeys);
    this.candidateStart = choice.candidateStart;
    this.candidateCount = choice.candidateCount;
    this.candidateNearCount = choice.candidateNearCount;
    this.candidateHospital = choice.candidateHospital;
    this.candidateMinutes = choice.candidateMinutes;
    this.gravityStart = choice.gravityStart;
    this.gravityCount = choice.gravityCount;
    this.gravityHospital = choice.gravityHospital;
    this.gravityMinutes = choice.gravityMinutes;

    const gravity = gravitySampling(choice);
    this.gravityShare = gravity.gravityShare;
    this.gravityProb = gravity.gravityProb;
    this.gravityAlias = gravity.gravityAlias;

    const transfer = transferTables(index, facilities, reach);
    this.transferStart = transfer.transferStart;
    this.transferCount = transfer.transferCount;
    this.transferHomeCount = transfer.transferHomeCount;
    this.transferHospital = transfer.transferHospital;

    const nearby = this.buildNearbyTables(reach, facilities);
    this.nearbyStart = nearby.nearbyStart;
    this.nearbyCount = nearby.nearbyCount;
    this.nearbyOwnStart = nearby.nearbyOwnStart;
    this.nearbyOwnCount = nearby.nearbyOwnCount;
    this.nearbyHospital = nearby.nearbyHospital;
    const reachTables = reachMatrices(index, reach);
    this.reach = reachTables.reach;
    this.reachCovers = reachTables.reachCovers;

    const served = transferServedTables(index, transfer);
    this.transferServedStart = served.transferServedStart;
    this.transferServedCount = served.transferServedCount;
    this.transferServedArea = served.transferServedArea;

    const bases = this.buildBaseTables(reach);
    this.baseListStart = bases.baseListStart;
    this.baseListCount = bases.baseListCount;
    this.baseListBase = bases.baseListBase;
    this.baseListMinutes = bases.baseListMinutes;
    this.dispatchArea = bases.dispatchArea;
    this.baseServedStart = bases.baseServedStart;
    this.baseServedCount = bases.baseServedCount;
    this.baseServedArea = bases.baseServedArea;
  }

  /**
   * Per (municipality, route key): the K nearest capable open hospitals with beds of the
   * function (inquiries, in travel order) and the nearest GRAVITY_MAX_CHOICES of them with
   * their gravity weights (walk-ins and scheduled patients), among the home and adjacent areas.
   */
  private buildChoiceTables(
    reach: AreaReach,
    facilities: Facilities,
    usedKeys: ReadonlySet<number>,
  ): ChoiceTables {
    const index = this.index;
    const M = index.municipalityCount;
    const t = index.region.transport;
    const K = Math.max(1, Math.round(t.candidateCount));
    const maxInquiries = Math.max(K, Math.round(t.maxInquiries));
    const keys = [...usedKeys].sort((a, b) => a - b);
    const candidateStart = new Int32Array(M * ROUTE_KEYS);
    const candidateCount = new Int32Array(M * ROUTE_KEYS);
    const candidateNearCount = new Int32Array(M * ROUTE_KEYS);
    const listed = new Uint8Array(index.hospitalCount);
    const gravityStart = new Int32Array(M * ROUTE_KEYS);
    const gravityCount = new Int32Array(M * ROUTE_KEYS);
    const candH: number[] = [];
    const candMin: number[] = [];
    const gravH: number[] = [];
    const gravMin: number[] = [];
    const gravW: number[] = [];

    for (let m = 0; m < M; m++) {
      const local = this.nearestHospitals(m, reach, facilities);
      const wide = maxInquiries > K ? this.widerHospitals(m, reach, facilities, t.vehicleReachMinutes) : [];
      for (const key of keys) {
        const cap = Math.floor(key / FUNCTIONS);
        const f = key % FUNCTIONS;
        const slot = m * ROUTE_KEYS + key;
        candidateStart[slot] = candH.length;
        gravityStart[slot] = gravH.length;
        let nc = 0;
        let ng = 0;
        for (const r of local) {
          if (cap !== NO_CAPABILITY && (facilities.capabilities[r.h] & (1 << cap)) === 0) continue;
          const beds = facilities.capacity(r.h * FUNCTIONS + f);
          if (beds <= 0) continue;
          if (nc < K) {
            candH.push(r.h);
            candMin.push(r.minutes);
            nc++;
          }
          if (ng < GRAVITY_MAX_CHOICES) {
            gravH.push(r.h);
            gravMin.push(r.minutes);
            gravW.push(beds / Math.pow(Math.max(r.minutes, GRAVITY_MINUTES_FLOOR), GRAVITY_BETA));
            ng++;
          }
          if (nc >= K && ng >= GRAVITY_MAX_CHOICES) break;
        }
        candidateNearCount[slot] = nc;
        // The K refused: the crew asks further capable hospitals within reach, nearest first
        // (FDMA's tables go to 15 inquiries and beyond), before the nearest must admit.
        for (let i = candidateStart[slot]; i < candH.length; i++) listed[candH[i]] = 1;
        for (const r of wide) {
          if (nc >= maxInquiries) break;
          if (listed[r.h] === 1) continue;
          if (cap !== NO_CAPABILITY && (facilities.capabilities[r.h] & (1 << cap)) === 0) continue;
          if (facilities.capacity(r.h * FUNCTIONS + f) <= 0) continue;
          candH.push(r.h);
          candMin.push(r.minutes);
          nc++;
        }
        for (let i = candidateStart[slot]; i < candH.length; i++) listed[candH[i]] = 0;
        candidateCount[slot] = nc;
        gravityCount[slot] = ng;
      }
    }
    return {
      candidateStart,
      candidateCount,
      candidateNearCount,
      candidateHospital: Int32Array.from(candH),
      candidateMinutes: Float64Array.from(candMin),
      gravityStart,
      gravityCount,
      gravityHospital: Int32Array.from(gravH),
      gravityMinutes: Float64Array.from(gravMin),
      gravityWeights: gravW,
    };
  }

  /** The open hospitals of the areas municipality m reaches, nearest first. */
  private nearestHospitals(m: number, reach: AreaReach, facilities: Facilities): Reach[] {
    const local: Reach[] = [];
    for (const b of reach.reachableAreas[this.index.municipalityArea[m]]) {
      for (const h of reach.hospitalsOfArea[b])
        if (facilities.open[h] === 1) local.push({ h, minutes: this.minutesMunicipalityToHospital(m, h) });
    }
    local.sort((a, b) => a.minutes - b.minutes || a.h - b.h);
    return local;
  }

  /**
   * Per (hospital, function): where a step-down from that hospital may go, nearest first. One
   * sort per hospital over the open hospitals of the areas it reaches, then one pass per
   * function; a patient's transfer set (home area, or its neighbours) is a filter on this list.
   */
  private buildNearbyTables(reach: AreaReach, facilities: Facilities): NearbyTables {
    const index = this.index;
    const H = index.hospitalCount;
    const nearbyStart = new Int32Array(H * FUNCTIONS);
    const nearbyCount = new Int32Array(H * FUNCTIONS);
    const nearbyOwnStart = new Int32Array(H * FUNCTIONS);
    const nearbyOwnCount = new Int32Array(H * FUNCTIONS);
    const flat: number[] = [];
    for (let h = 0; h < H; h++) {
      const near: Reach[] = [];
      for (const b of reach.reachableAreas[index.hospitalArea[h]])
        for (const h2 of reach.hospitalsOfArea[b])
          if (facilities.open[h2] === 1) near.push({ h: h2, minutes: this.minutesHospitalToHospital(h, h2) });
      near.sort((x, y) => x.minutes - y.minutes || x.h - y.h);
      for (let f = 0; f < FUNCTIONS; f++) {
        nearbyStart[h * FUNCTIONS + f] = flat.length;
        for (const r of near) if (facilities.offers(r.h, f)) flat.push(r.h);
        nearbyCount[h * FUNCTIONS + f] = flat.length - nearbyStart[h * FUNCTIONS + f];
        nearbyOwnStart[h * FUNCTIONS + f] = flat.length;
        const own = index.hospitalArea[h];
        for (const r of near)
          if (index.hospitalArea[r.h] === own && facilities.offers(r.h, f)) flat.push(r.h);
        nearbyOwnCount[h * FUNCTIONS + f] = flat.length - nearbyOwnStart[h * FUNCTIONS + f];
      }
    }
    return {
      nearbyStart,
      nearbyCount,
      nearbyOwnStart,
      nearbyOwnCount,
      nearbyHospital: Int32Array.from(flat),
    };
  }

  /**
   * The open hospitals within `limit` minutes of municipality m in the areas up to two open
   * links away, nearest first: where a crew keeps asking once the K nearest have refused.
   */
  private widerHospitals(m: number, reach: AreaReach, facilities: Facilities, limit: number): Reach[] {
    const out: Reach[] = [];
    for (const b of twoLinksAway(reach, this.index.municipalityArea[m])) {
      for (const h of reach.hospitalsOfArea[b]) {
        if (facilities.open[h] !== 1) continue;
        const minutes = this.minutesMunicipalityToHospital(m, h);
        if (minutes <= limit) out.push({ h, minutes });
      }
    }
    out.sort((a, b) => a.minutes - b.minutes || a.h - b.h);
    return out;
  }

  /**
   * Ambulances: the responsible (dispatch) area is the home area, or for an area without bases
   * the area of the nearest base among its neighbours. A call may take any base of that area
   * and any other base within the vehicle reach in the areas up to two open links away (mutual
   * aid, 応援出場), nearest first. A base serves the call queues of every area whose
   * municipalities list it.
   */
  private buildBaseTables(reach: AreaReach): BaseTables {
    const index = this.index;
    const M = index.municipalityCount;
    const A = index.areaCount;
    const limit = index.region.transport.vehicleReachMinutes;
    const basesOfArea: number[][] = Array.from({ length: A }, () => []);
    for (let b = 0; b < index.baseCount; b++) basesOfArea[index.baseArea[b]].push(b);
    const baseListStart = new Int32Array(M);
    const baseListCount = new Int32Array(M);
    const dispatchArea = new Int32Array(M);
    const baseB: number[] = [];
    const baseMin: number[] = [];
    const served: Array<Set<number>> = Array.from({ length: index.baseCount }, () => new Set<number>());
    for (let m = 0; m < M; m++) {
      const home = index.municipalityArea[m];
      let dispatch = home;
      if (basesOfArea[home].length === 0) {
        let best = Infinity;
        for (const a of reach.reachableAreas[home]) {
          for (const b of basesOfArea[a]) {
            const minutes = this.minutesBaseToMunicipality(b, m);
            if (minutes < best) {
              best = minutes;
              dispatch = a;
            }
          }
        }
      }
      const list: Reach[] = [];
      for (const a of twoLinksAway(reach, home)) {
        for (const b of basesOfArea[a]) {
          const minutes = this.minutesBaseToMunicipality(b, m);
          if (a === dispatch || minutes <= limit) list.push({ h: b, minutes });
        }
      }
      list.sort((x, y) => x.minutes - y.minutes || x.h - y.h);
      dispatchArea[m] = dispatch;
      baseListStart[m] = baseB.length;
      baseListCount[m] = list.length;
      for (const r of list) {
        baseB.push(r.h);
        baseMin.push(r.minutes);
        served[r.h].add(dispatch);
      }
    }
    const baseServedStart = new Int32Array(index.baseCount);
    const baseServedCount = new Int32Array(index.baseCount);
    const servedFlat: number[] = [];
    served.forEach((areas, b) => {
      const own = index.baseArea[b];
      const list = [...areas].sort((x, y) => Number(y === own) - Number(x === own) || x - y);
      baseServedStart[b] = servedFlat.length;
      baseServedCount[b] = list.length;
      servedFlat.push(...list);
    });
    return {
      baseListStart,
      baseListCount,
      baseListBase: Int32Array.from(baseB),
      baseListMinutes: Float64Array.from(baseMin),
      dispatchArea,
      baseServedStart,
      baseServedCount,
      baseServedArea: Int32Array.from(servedFlat),
    };
  }

  minutesMunicipalityToHospital(m: number, h: number): number {
    const i = this.index;
    return travelMinutes(
      haversineKm(i.municipalityLat[m], i.municipalityLng[m], i.hospitalLat[h], i.hospitalLng[h]),
      this.rule,
    );
  }

  minutesBaseToMunicipality(b: number, m: number): number {
    const i = this.index;
    return travelMinutes(
      haversineKm(i.baseLat[b], i.baseLng[b], i.municipalityLat[m], i.municipalityLng[m]),
      this.rule,
    );
  }

  /** Drive between two hospitals (a step-down transfer). */
  minutesHospitalToHospital(h1: number, h2: number): number {
    const i = this.index;
    return travelMinutes(
      haversineKm(i.hospitalLat[h1], i.hospitalLng[h1], i.hospitalLat[h2], i.hospitalLng[h2]),
      this.rule,
    );
  }

  /** Return drive after handover (computed on demand: a hospital × base matrix would not fit Japan). */
  minutesHospitalToBase(h: number, b: number): number {
    const i = this.index;
    return travelMinutes(
      haversineKm(i.hospitalLat[h], i.hospitalLng[h], i.baseLat[b], i.baseLng[b]),
      this.rule,
    );
  }
}

/**
 * Every table looks at the home and adjacent areas only: hospitals indexed by area and areas by
 * what they reach, instead of scanning all hospitals (8,000 on a Japan-size region) per
 * municipality and per area. A closed link makes two areas unreachable from each other.
 */
function areaReach(index: RegionIndex, levers: Levers): AreaReach {
  const A = index.areaCount;
  const H = index.hospitalCount;
  const reachable = (from: number, to: number): boolean =>
    (from === to || index.adjacent[from * A + to] === 1) && levers.closedLinks[from * A + to] === 0;
  const hospitalsOfArea: number[][] = Array.from({ length: A }, () => []);
  for (let h = 0; h < H; h++) hospitalsOfArea[index.hospitalArea[h]].push(h);
  const reachableAreas: number[][] = Array.from({ length: A }, (_, a) => {
    const out: number[] = [];
    for (let b = 0; b < A; b++) if (reachable(a, b)) out.push(b);
    return out;
  });
  return { hospitalsOfArea, reachableAreas, reachable };
}

/**
 * Which areas reach which (A × A), and whether the areas an area reaches are all reached from
 * another: then a hospital of the other area lists every transfer candidate of the first's
 * residents in its nearby lists (otherwise the bed rules look through the area's transfer list).
 */
function reachMatrices(index: RegionIndex, reach: AreaReach): ReachTables {
  const A = index.areaCount;
  const matrix = new Uint8Array(A * A);
  for (let a = 0; a < A; a++) for (const b of reach.reachableAreas[a]) matrix[a * A + b] = 1;
  const reachCovers = new Uint8Array(A * A);
  for (let b = 0; b < A; b++)
    for (let a = 0; a < A; a++)
      reachCovers[b * A + a] = reach.reachableAreas[a].every((c) => matrix[b * A + c] === 1) ? 1 : 0;
  return { reach: matrix, reachCovers };
}

/** The areas at most two open links from area a (a itself first, then by index). */
function twoLinksAway(reach: AreaReach, a: number): number[] {
  const out = [a];
  for (const b of reach.reachableAreas[a]) {
    if (!out.includes(b)) out.push(b);
    for (const c of reach.reachableAreas[b]) if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** Per gravity slot: normalised choice shares (expected flows) and the alias table (sampling). */
function gravitySampling(choice: ChoiceTables): GravitySampling {
  const gravW = choice.gravityWeights;
  const gravityShare = new Float64Array(gravW.length);
  const gravityProb = new Float64Array(gravW.length);
  const gravityAlias = new Int32Array(gravW.length);
  for (let slot = 0; slot < choice.gravityCount.length; slot++) {
    const n = choice.gravityCount[slot];
    if (n === 0) continue;
    const s = choice.gravityStart[slot];
    const w = gravW.slice(s, s + n);
    const total = w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) gravityShare[s + i] = w[i] / total;
    buildAlias(w, gravityProb, gravityAlias, s);
  }
  return { gravityShare, gravityProb, gravityAlias };
}

/**
 * Step-down transfers look in the home area first and, when none of its beds is free, in the
 * adjacent areas: discharge planners of a full city place their 回復期 and 慢性期 patients in
 * the next area's hospitals rather than keep them in acute beds (docs/calibration.md). An area
 * without the function relies on its neighbours alone. These lists are the candidate SETS (home
 * part, then neighbours, each by beds, which the static need and the census spill read); the
 * simulation picks among them by the nearby lists, nearest to the patient's hospital first.
 */
function transferTables(index: RegionIndex, facilities: Facilities, reach: AreaReach): TransferTables {
  const A = index.areaCount;
  const transferStart = new Int32Array(A * FUNCTIONS);
  const transferCount = new Int32Array(A * FUNCTIONS);
  const transferHomeCount = new Int32Array(A * FUNCTIONS);
  const xfer: number[] = [];
  for (let a = 0; a < A; a++) {
    for (let f = 0; f < FUNCTIONS; f++) {
      const byBeds = (list: number[]): number[] =>
        list.sort(
          (x, y) => facilities.capacity(y * FUNCTIONS + f) - facilities.capacity(x * FUNCTIONS + f) || x - y,
        );
      const home = reach.hospitalsOfArea[a].filter((h) => facilities.offers(h, f));
      const near: number[] = [];
      for (const b of reach.reachableAreas[a])
        if (b !== a) for (const h of reach.hospitalsOfArea[b]) if (facilities.offers(h, f)) near.push(h);
      const list = [...byBeds(home), ...byBeds(near)];
      transferStart[a * FUNCTIONS + f] = xfer.length;
      transferCount[a * FUNCTIONS + f] = list.length;
      transferHomeCount[a * FUNCTIONS + f] = home.length > 0 ? home.length : list.length;
      xfer.push(...list);
    }
  }
  return { transferStart, transferCount, transferHomeCount, transferHospital: Int32Array.from(xfer) };
}

/**
 * For a bed freed in (area, function): the home areas whose transfer lists include that area's
 * hospitals. A freed bed serves its own area's transfer line first, then the neighbours' in
 * area order.
 */
function transferServedTables(index: RegionIndex, transfer: TransferTables): TransferServedTables {
  const A = index.areaCount;
  const served: number[][] = Array.from({ length: A * FUNCTIONS }, () => []);
  for (let f = 0; f < FUNCTIONS; f++) {
    for (let b = 0; b < A; b++) {
      const s = transfer.transferStart[b * FUNCTIONS + f];
      for (let i = 0; i < transfer.transferCount[b * FUNCTIONS + f]; i++) {
        const list = served[index.hospitalArea[transfer.transferHospital[s + i]] * FUNCTIONS + f];
        if (!list.includes(b)) list.push(b);
      }
    }
  }
  const transferServedStart = new Int32Array(A * FUNCTIONS);
  const transferServedCount = new Int32Array(A * FUNCTIONS);
  const servedFlat: number[] = [];
  served.forEach((list, i) => {
    const own = Math.floor(i / FUNCTIONS);
    list.sort((x, y) => Number(y === own) - Number(x === own) || x - y);
    transferServedStart[i] = servedFlat.length;
    transferServedCount[i] = list.length;
    servedFlat.push(...list);
  });
  return { transferServedStart, transferServedCount, transferServedArea: Int32Array.from(servedFlat) };
}

/** The route keys a region's conditions use (entry capability × entry function), plus the
 *  key for ambulance calls that end without admission (any hospital with acute beds). */
export function usedRouteKeys(index: RegionIndex): Set<number> {
  const p = index.pathways;
  const keys = new Set<number>([routeKey(NO_CAPABILITY, 1)]);
  for (let c = 0; c < p.conditionCount; c++) {
    for (let i = 0; i < p.entryCount[c]; i++) {
      keys.add(routeKey(p.capability[c], p.phaseFunction[p.entryTarget[p.entryStart[c] + i]]));
    }
  }
  return keys;
}
