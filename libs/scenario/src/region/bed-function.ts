// Bed functions from 医療資源投入量 (地域医療構想): each day of a stay takes the function of its
// points (C1 3,000 high-acute, C2 600 acute, C3 225 recovery, 175 discharge adjustment, below
// that home care), unless a ward rule (回復期リハ/地域包括 → recovery, 療養 → chronic) says
// otherwise. The ward a phase occupies in the simulation is derived from the same points
// (docs/data.md, "Conditions"), so the static need by function and the beds it is compared with
// follow the case mix rather than the bed table.
import type { BedFunction, ResourceIntensity, ResourcePointThresholds, ResourceSegment } from '../types';

/** The MHLW defaults (C1 / C2 / C3 and the 175-point discharge-adjustment floor). */
export const DEFAULT_RESOURCE_POINT_THRESHOLDS: Readonly<ResourcePointThresholds> = {
  highAcute: 3000,
  acute: 600,
  recovery: 225,
  dischargeAdjustment: 175,
};

/** Functions a day can take, most acute first; `null` is home or facility care (在宅医療等). */
const BY_ACUITY: readonly BedFunction[] = ['highAcute', 'acute', 'recovery', 'chronic'];

/** The bed function of a day with `points`, or null for home care (below the discharge floor). */
export function dayFunction(
  points: number,
  rule: ResourceIntensity['rule'],
  t: ResourcePointThresholds,
): BedFunction | null {
  if (rule === 'kaifukuki') return 'recovery';
  if (rule === 'ryoyo') return 'chronic';
  if (points >= t.highAcute) return 'highAcute';
  if (points >= t.acute) return 'acute';
  if (points >= Math.min(t.recovery, t.dischargeAdjustment)) return 'recovery';
  return null;
}

/** Days of [0, days) in each segment, in order (the last segment runs to the end). */
export function segmentOverlaps(segments: readonly ResourceSegment[], days: number): number[] {
  let from = 0;
  return segments.map((s) => {
    const until = s.until ?? Infinity;
    const overlap = Math.max(0, Math.min(until, days) - from);
    from = Math.max(from, until);
    return overlap;
  });
}

/** A one-day peak (an operation, PCI, the admission work-up) does not make a ward. */
export const WARD_MIN_DAYS = 2;

/**
 * The ward (bed function) a phase occupies: its ward rule, else the most acute function its
 * direct-entry points reach on at least WARD_MIN_DAYS days of its mean stay (all of it when
 * shorter); when none does, the function with the most days. Null when every day is home care.
 */
export function wardFunction(
  resource: ResourceIntensity,
  meanDays: number,
  t: ResourcePointThresholds,
): BedFunction | null {
  // (`rule` may be absent in raw data that the schema has not defaulted yet.)
  if (resource.rule === 'kaifukuki' || resource.rule === 'ryoyo') return dayFunction(0, resource.rule, t);
  const days = new Map<BedFunction, number>();
  const overlaps = segmentOverlaps(resource.segments, meanDays);
  resource.segments.forEach((s, i) => {
    const f = dayFunction(s.points, null, t);
    if (f !== null) days.set(f, (days.get(f) ?? 0) + overlaps[i]);
  });
  const needed = Math.min(WARD_MIN_DAYS, meanDays) - 1e-9;
  for (const f of BY_ACUITY) if ((days.get(f) ?? 0) >= needed) return f;
  let best: BedFunction | null = null;
  for (const f of BY_ACUITY) if ((days.get(f) ?? 0) > (best === null ? 0 : days.get(best)!)) best = f;
  return best;
}

/** The phase's bed function: given, or derived from its points (null when neither works). */
export function phaseFunction(
  phase: { function?: BedFunction; pointsPerDay?: ResourceIntensity; stay: { meanDays: number } },
  t: ResourcePointThresholds,
): BedFunction | null {
  if (phase.pointsPerDay === undefined) return phase.function ?? null;
  return wardFunction(phase.pointsPerDay, phase.stay.meanDays, t);
}
