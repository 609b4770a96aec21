// The MHLW static bed need (地域医療構想): expected census of a function = Σ yearly admissions ×
// expected days in that function ÷ 365; need = census ÷ target occupancy. A day's function is
// that of its 医療資源投入量 (resourcePointThresholds; 回復期リハ/療養 ward rules), so the need
// by function follows the case mix, not the wards the model places phases in; days below the
// discharge-adjustment floor are home care (在宅医療等) and count nowhere. By home area
// (患者住所地) and by treating area (医療機関所在地: the area where the day is spent). Inputs are
// those in force when the horizon starts (policies with fromDay ≤ warmupDays), with the
// horizon's mean demand multiplier.
import { BED_FUNCTIONS } from '@caretwin/contracts';
import type { StaticNeed, StaticNeedRow } from '@caretwin/contracts';
import type { ResolvedScenario } from '@caretwin/scenario';
import { applyPolicy } from '../policies/apply';
import { policySchedule } from '../policies/schedule';
import { Facilities, Levers } from '../region/facilities';
import { Network, usedRouteKeys } from '../region/network';
import { FUNCTIONS, RegionIndex } from '../region/region-index';
import { expectedFlows } from './expected-flows';

/** Mean of the demand multiplier over hours [from, to) of the run (1 where not given). */
export function meanMultiplier(byHour: Float64Array, from: number, to: number): number {
  if (to <= from) return 1;
  let sum = 0;
  for (let h = from; h < to; h++) sum += h < byHour.length ? byHour[h] : 1;
  return sum / (to - from);
}

export const TREATING_AREA_METHOD =
  'expected shares from the model’s routing tables without congestion: ambulance patients at the nearest capable hospital, walk-ins and scheduled patients by the gravity shares, later phases in the same hospital or the home area’s transfer hospitals by beds; each day in the function of its 医療資源投入量';

export function staticNeed(resolved: ResolvedScenario): StaticNeed {
  const { scenario, region } = resolved;
  const index = new RegionIndex(region, scenario.policies);
  const facilities = new Facilities(index);
  const levers = new Levers(index);
  policySchedule(scenario.policies)
    .filter((s) => s.day <= scenario.warmupDays)
    .forEach((s) => applyPolicy(s.policy, `policies[${s.index}]`, index, facilities, levers));
  const network = new Network(index, facilities, levers, usedRouteKeys(index));
  const from = scenario.warmupDays * 24;
  const scale = meanMultiplier(resolved.demandMultiplierByHour, from, from + scenario.horizonDays * 24);
  const flows = expectedFlows(index, facilities, levers, network, scenario.year, scale);

  const A = index.areaCount;
  const treating = flows.treatingNeedDays;
  const beds = new Float64Array(A * FUNCTIONS);
  for (let h = 0; h < index.hospitalCount; h++) {
    const a = index.hospitalArea[h];
    for (let f = 0; f < FUNCTIONS; f++) beds[a * FUNCTIONS + f] += facilities.capacity(h * FUNCTIONS + f);
  }
  const targets = region.occupancyTargets;
  const row = (area: string, f: number, bedDays: number, bedsInUse: number): StaticNeedRow => {
    const fn = BED_FUNCTIONS[f];
    const census = bedDays / 365;
    return {
      area,
      function: fn,
      bedDaysPerYear: bedDays,
      census,
      need: census / targets[fn],
      beds: bedsInUse,
    };
  };
  const byHomeArea: StaticNeedRow[] = [];
  const byTreatingArea: StaticNeedRow[] = [];
  const prefecture: StaticNeedRow[] = [];
  for (let a = 0; a < A; a++) {
    for (let f = 0; f < FUNCTIONS; f++) {
      byHomeArea.push(
        row(index.areaIds[a], f, flows.homeNeedDays[a * FUNCTIONS + f], beds[a * FUNCTIONS + f]),
      );
      byTreatingArea.push(row(index.areaIds[a], f, treating[a * FUNCTIONS + f], beds[a * FUNCTIONS + f]));
    }
  }
  for (let f = 0; f < FUNCTIONS; f++) {
    let bd = 0;
    let b = 0;
    for (let a = 0; a < A; a++) {
      bd += flows.homeNeedDays[a * FUNCTIONS + f];
      b += beds[a * FUNCTIONS + f];
    }
    prefecture.push(row('prefecture', f, bd, b));
  }
  return {
    year: scenario.year,
    targets: { ...targets },
    treatingAreaMethod: TREATING_AREA_METHOD,
    byHomeArea,
    byTreatingArea,
    prefecture,
  };
}
