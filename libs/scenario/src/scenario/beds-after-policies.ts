// Beds by area and function once every policy has taken effect: a summary for `caretwin
// validate` and the dashboard, and the check that a conversion never moves more beds than
// exist. The model applies the same policies over time; this is their end state only. Area-level
// changes are kept as area totals (how an area spreads them over hospitals is the model's).

import { BED_FUNCTIONS, type BedFunction, type Beds, type Policy, type Region } from '../types';

export interface BedsByArea {
  /** area id → beds by function, as in the region data. */
  before: Record<string, Beds>;
  /** area id → beds by function after every policy. */
  after: Record<string, Beds>;
  /** Hospitals open at the end. */
  openHospitals: number;
}

export interface BedPolicyProblem {
  /** Index of the policy in the scenario's list. */
  index: number;
  field: string;
  message: string;
}

const zero = (): Beds => ({ highAcute: 0, acute: 0, recovery: 0, chronic: 0 });

export interface IndexedPolicy {
  policy: Policy;
  /** Position in the scenario's `policies`. */
  index: number;
}

/** End state of beds after all of a scenario's policies. */
export function bedsAfterPolicies(region: Region, policies: readonly Policy[]): BedsByArea {
  return applyBedPolicies(
    region,
    policies.map((policy, index) => ({ policy, index })),
  );
}

/** As bedsAfterPolicies, for a subset of policies, reporting impossible conversions and closures. */
export function applyBedPolicies(
  region: Region,
  policies: readonly IndexedPolicy[],
  onProblem: (problem: BedPolicyProblem) => void = () => undefined,
): BedsByArea {
  const hospitals = new Map<string, { area: string; beds: Beds; open: boolean }>();
  for (const h of region.hospitals)
    hospitals.set(h.id, { area: h.area, beds: { ...zero(), ...h.beds }, open: true });
  const areaAdjust = new Map<string, Beds>(region.areas.map((a) => [a.id, zero()]));

  const areaTotal = (area: string): Beds => {
    const total = { ...(areaAdjust.get(area) ?? zero()) };
    for (const h of hospitals.values()) {
      if (!h.open || h.area !== area) continue;
      for (const f of BED_FUNCTIONS) total[f] += h.beds[f];
    }
    return total;
  };
  const adjust = (area: string, fn: BedFunction, delta: number) => {
    const beds = areaAdjust.get(area);
    if (beds) beds[fn] += delta;
  };
  const before: Record<string, Beds> = {};
  for (const a of region.areas) before[a.id] = areaTotal(a.id);

  // Policies take effect by `fromDay`, then in the order listed.
  const ordered = [...policies].sort(
    (a, b) => (a.policy.fromDay ?? 0) - (b.policy.fromDay ?? 0) || a.index - b.index,
  );
  for (const { policy, index } of ordered) {
    switch (policy.kind) {
      case 'setBeds': {
        if (policy.hospital !== undefined) {
          const h = hospitals.get(policy.hospital);
          if (!h) break;
          for (const f of BED_FUNCTIONS) if (policy.beds[f] !== undefined) h.beds[f] = policy.beds[f]!;
        } else if (policy.area !== undefined && areaAdjust.has(policy.area)) {
          const current = areaTotal(policy.area);
          for (const f of BED_FUNCTIONS)
            if (policy.beds[f] !== undefined) adjust(policy.area, f, policy.beds[f]! - current[f]);
        }
        break;
      }
      case 'convertBeds': {
        if (policy.hospital !== undefined) {
          const h = hospitals.get(policy.hospital);
          if (!h) break;
          if (h.beds[policy.from] < policy.count) {
            onProblem({
              index,
              field: 'count',
              message: `hospital "${policy.hospital}" has ${h.beds[policy.from]} ${policy.from} beds at that point, fewer than ${policy.count}`,
            });
            break;
          }
          h.beds[policy.from] -= policy.count;
          h.beds[policy.to] += policy.count;
        } else if (policy.area !== undefined && areaAdjust.has(policy.area)) {
          const available = areaTotal(policy.area)[policy.from];
          if (available < policy.count) {
            onProblem({
              index,
              field: 'count',
              message: `area "${policy.area}" has ${available} ${policy.from} beds at that point, fewer than ${policy.count}`,
            });
            break;
          }
          adjust(policy.area, policy.from, -policy.count);
          adjust(policy.area, policy.to, policy.count);
        }
        break;
      }
      case 'closeHospital': {
        const h = hospitals.get(policy.hospital);
        if (h && !h.open)
          onProblem({
            index,
            field: 'hospital',
            message: `hospital "${policy.hospital}" is already closed or merged by then`,
          });
        if (h) h.open = false;
        break;
      }
      case 'mergeHospitals': {
        const into = hospitals.get(policy.into);
        if (!into) break;
        policy.hospitals.forEach((id, j) => {
          const h = hospitals.get(id);
          if (!h || h === into) return;
          if (!h.open) {
            onProblem({
              index,
              field: `hospitals[${j}]`,
              message: `hospital "${id}" is already closed or merged by then`,
            });
            return;
          }
          for (const f of BED_FUNCTIONS) into.beds[f] += h.beds[f];
          // Beds that cross an area border move with the merged hospital.
          h.open = false;
        });
        break;
      }
      case 'addHospital': {
        const h = policy.hospital;
        if (!hospitals.has(h.id) && areaAdjust.has(h.area))
          hospitals.set(h.id, { area: h.area, beds: { ...zero(), ...h.beds }, open: true });
        break;
      }
      default:
        break;
    }
  }
  const after: Record<string, Beds> = {};
  for (const a of region.areas) after[a.id] = areaTotal(a.id);
  let openHospitals = 0;
  for (const h of hospitals.values()) if (h.open) openHospitals++;
  return { before, after, openHospitals };
}
