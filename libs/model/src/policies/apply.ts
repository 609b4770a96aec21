// Applies one what-if lever to the running state. Capacity cuts go through BedPool.setCapacity,
// so they take effect as beds free up; the caller serves waiters on pools that grew and rebuilds
// the routing tables when hospitals, beds or roads changed. An area-level cut or conversion
// spreads over the area's open hospitals holding the function, in proportion to what each may
// give: hospitals with 周産期 (maternity) or 三次救急 (emergency3) capability give nothing and a
// hospital keeps at least one high-acute bed where it had one, unless the policy sets
// `includeProtected` (libs/model/README.md, "Rules as implemented": Policies).
import { BED_FUNCTIONS } from '@caretwin/contracts';
import type { BedFunction } from '@caretwin/contracts';
import type { Policy } from '@caretwin/scenario';
import { ModelInputError } from '../errors';
import { Facilities, Levers } from '../region/facilities';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import { CAPABILITY_INDEX, FUNCTION_INDEX } from '../region/pathways';
import { spreadCut, spreadInteger } from './spread';

export interface PolicyEffect {
  /** routing tables must be rebuilt */
  network: boolean;
  /** pools whose capacity changed */
  pools: number[];
  /** ambulance bases whose vehicle count changed */
  bases: number[];
}

function openHospitalsOfArea(index: RegionIndex, facilities: Facilities, area: number): number[] {
  const out: number[] = [];
  for (let h = 0; h < index.hospitalCount; h++)
    if (index.hospitalArea[h] === area && facilities.open[h] === 1) out.push(h);
  return out;
}

/** Capabilities whose hospitals an area-level cut or conversion leaves alone: 周産期, 三次救急. */
const PROTECTED_CAPABILITIES = (1 << CAPABILITY_INDEX['maternity']) | (1 << CAPABILITY_INDEX['emergency3']);
const HIGH_ACUTE = FUNCTION_INDEX['highAcute'];

/**
 * Beds of function f an area-level cut or conversion may take from hospital h: none from a
 * perinatal or tertiary-emergency hospital, all but one high-acute bed elsewhere (the hospital
 * keeps its high-acute capability), every bed when the policy includes protected hospitals.
 */
export function givableBeds(facilities: Facilities, h: number, f: number, includeProtected: boolean): number {
  const beds = facilities.capacity(h * FUNCTIONS + f);
  if (includeProtected) return beds;
  if ((facilities.capabilities[h] & PROTECTED_CAPABILITIES) !== 0) return 0;
  return f === HIGH_ACUTE && beds > 0 ? beds - 1 : beds;
}

function setCapacity(facilities: Facilities, pool: number, beds: number, effect: PolicyEffect): void {
  const next = Math.max(0, Math.round(beds));
  if (facilities.pools[pool].capacity === next) return;
  facilities.pools[pool].setCapacity(next);
  effect.pools.push(pool);
}

export function applyPolicy(
  policy: Policy,
  where: string,
  index: RegionIndex,
  facilities: Facilities,
  levers: Levers,
): PolicyEffect {
  const effect: PolicyEffect = { network: false, pools: [], bases: [] };
  const capacityOf = (h: number, f: number): number => facilities.capacity(h * FUNCTIONS + f);
  switch (policy.kind) {
    case 'setBeds': {
      const targets = Object.entries(policy.beds) as Array<[BedFunction, number]>;
      if (policy.hospital !== undefined) {
        const h = index.hospital(policy.hospital, `${where}.hospital`);
        for (const [f, n] of targets) setCapacity(facilities, h * FUNCTIONS + FUNCTION_INDEX[f], n, effect);
      } else if (policy.area !== undefined) {
        const hs = openHospitalsOfArea(index, facilities, index.area(policy.area, `${where}.area`));
        const includeProtected = policy.includeProtected === true;
        for (const [f, n] of targets) {
          const fi = FUNCTION_INDEX[f];
          const target = Math.round(n);
          const current = hs.map((h) => capacityOf(h, fi));
          const held = current.reduce((a, b) => a + b, 0);
          if (target < held) {
            // A cut: taken from what each hospital may give, in proportion to it.
            const cuts = spreadCut(
              held - target,
              hs.map((h) => givableBeds(facilities, h, fi, includeProtected)),
            );
            cuts.forEach((cut, i) =>
              setCapacity(facilities, hs[i] * FUNCTIONS + fi, current[i] - cut, effect),
            );
            continue;
          }
          // Growth: shared in proportion to the beds of the function (to all beds when the area
          // has none of it), so no hospital loses any.
          let weights = current;
          if (held === 0)
            weights = hs.map((h) => BED_FUNCTIONS.reduce((s, _g, gi) => s + capacityOf(h, gi), 0));
          spreadInteger(target, weights).forEach((beds, i) =>
            setCapacity(facilities, hs[i] * FUNCTIONS + fi, beds, effect),
          );
        }
      } else {
        throw new ModelInputError(`${where}: setBeds needs a hospital or an area`);
      }
      effect.network = true;
      break;
    }
    case 'convertBeds': {
      const from = FUNCTION_INDEX[policy.from];
      const to = FUNCTION_INDEX[policy.to];
      let hs: number[];
      let available: number[];
      if (policy.hospital !== undefined) {
        // A named hospital converts what it has: the policy says so.
        hs = [index.hospital(policy.hospital, `${where}.hospital`)];
        available = [capacityOf(hs[0], from)];
      } else if (policy.area !== undefined) {
        hs = openHospitalsOfArea(index, facilities, index.area(policy.area, `${where}.area`));
        const includeProtected = policy.includeProtected === true;
        available = hs.map((h) => givableBeds(facilities, h, from, includeProtected));
      } else throw new ModelInputError(`${where}: convertBeds needs a hospital or an area`);
      // Shares proportional to what each hospital may give never exceed it.
      spreadCut(Math.round(policy.count), available).forEach((n, i) => {
        if (n === 0) return;
        const h = hs[i];
        setCapacity(facilities, h * FUNCTIONS + from, capacityOf(h, from) - n, effect);
        setCapacity(facilities, h * FUNCTIONS + to, capacityOf(h, to) + n, effect);
      });
      effect.network = true;
      break;
    }
    case 'closeHospital': {
      const h = index.hospital(policy.hospital, `${where}.hospital`);
      facilities.open[h] = 0;
      for (let f = 0; f < FUNCTIONS; f++) setCapacity(facilities, h * FUNCTIONS + f, 0, effect);
      effect.network = true;
      break;
    }
    case 'mergeHospitals': {
      const into = index.hospital(policy.into, `${where}.into`);
      policy.hospitals.forEach((id, i) => {
        const h = index.hospital(id, `${where}.hospitals[${i}]`);
        if (h === into) return;
        for (let f = 0; f < FUNCTIONS; f++) {
          const moved = capacityOf(h, f);
          setCapacity(facilities, into * FUNCTIONS + f, capacityOf(into, f) + moved, effect);
          setCapacity(facilities, h * FUNCTIONS + f, 0, effect);
        }
        facilities.capabilities[into] |= facilities.capabilities[h];
        facilities.open[h] = 0;
      });
      facilities.open[into] = 1;
      effect.network = true;
      break;
    }
    case 'addHospital': {
      const h = index.hospital(policy.hospital.id, `${where}.hospital.id`);
      facilities.open[h] = 1;
      for (let f = 0; f < FUNCTIONS; f++)
        setCapacity(facilities, h * FUNCTIONS + f, index.hospitalBeds[h * FUNCTIONS + f], effect);
      effect.network = true;
      break;
    }
    case 'setAmbulances': {
      let bases: number[];
      if (policy.base !== undefined) bases = [index.base(policy.base, `${where}.base`)];
      else if (policy.area !== undefined) {
        const a = index.area(policy.area, `${where}.area`);
        bases = [];
        for (let b = 0; b < index.baseCount; b++) if (index.baseArea[b] === a) bases.push(b);
        if (bases.length === 0)
          throw new ModelInputError(`${where}.area: area "${policy.area}" has no ambulance base`);
      } else throw new ModelInputError(`${where}: setAmbulances needs a base or an area`);
      const shares =
        bases.length === 1
          ? [Math.round(policy.vehicles)]
          : spreadInteger(
              Math.round(policy.vehicles),
              bases.map((b) => facilities.vehicles[b]),
            );
      shares.forEach((v, i) => {
        if (facilities.vehicles[bases[i]] === v) return;
        facilities.vehicles[bases[i]] = Math.max(0, v);
        effect.bases.push(bases[i]);
      });
      break;
    }
    case 'lengthOfStay': {
      const p = index.pathways;
      const c0 = policy.condition === undefined ? -1 : p.conditionIds.indexOf(policy.condition);
      if (policy.condition !== undefined && c0 < 0)
        throw new ModelInputError(`${where}.condition: unknown condition "${policy.condition}"`);
      const f0 = policy.function === undefined ? -1 : FUNCTION_INDEX[policy.function];
      for (let c = 0; c < p.conditionCount; c++) {
        if (c0 >= 0 && c !== c0) continue;
        for (let f = 0; f < FUNCTIONS; f++)
          if (f0 < 0 || f === f0) levers.losMultiplier[c * FUNCTIONS + f] *= policy.multiplier;
      }
      break;
    }
    case 'eligibility': {
      // Fields the policy leaves out keep their values; the region's condition weights stay.
      const e = levers.eligibility;
      levers.eligibility = {
        ...e,
        failureRate: policy.failureRate ?? e.failureRate,
        hospitalOutagesPerDay: policy.hospitalOutagesPerDay ?? e.hospitalOutagesPerDay,
        hospitalOutageHours: policy.hospitalOutageHours ?? e.hospitalOutageHours,
        regionOutagesPerYear: policy.regionOutagesPerYear ?? e.regionOutagesPerYear,
        regionOutageHours: policy.regionOutageHours ?? e.regionOutageHours,
        proofShare: policy.proofShare ?? e.proofShare,
        staffMinutes: policy.staffMinutes ?? e.staffMinutes,
        delayMinutes: policy.delayMinutes ?? e.delayMinutes,
        outpatientVisitsPerAdmission: policy.outpatientVisitsPerAdmission ?? e.outpatientVisitsPerAdmission,
        deferShare: policy.deferShare ?? e.deferShare,
        returnShare: policy.returnShare ?? e.returnShare,
        returnDays: policy.returnDays ?? e.returnDays,
        returnStayFactor: policy.returnStayFactor ?? e.returnStayFactor,
      };
      break;
    }
    case 'travel': {
      if (policy.speedFactor !== undefined) levers.speedFactor = policy.speedFactor;
      const A = index.areaCount;
      (policy.closedLinks ?? []).forEach(([x, y], i) => {
        const a = index.area(x, `${where}.closedLinks[${i}][0]`);
        const b = index.area(y, `${where}.closedLinks[${i}][1]`);
        levers.closedLinks[a * A + b] = 1;
        levers.closedLinks[b * A + a] = 1;
      });
      effect.network = true;
      break;
    }
    case 'bedBorrowing':
      levers.borrowing = policy.enabled;
      break;
  }
  return effect;
}
