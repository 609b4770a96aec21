// Results by 二次医療圏 (issue 16): the KPIs that matter locally, one row per area, and the
// practical threshold a difference must reach before a report calls it 有意. Pure data and
// arithmetic, shared by the dashboard (results, compare, report), the api's CSV and the CLI, so
// every output names the same columns in the same order.
import type { Estimate, FlowMatrix, KpiDifference } from './result';

/**
 * Where a figure is counted: by the patient's home area (患者住所地) or by the area of the
 * hospital that treats them (医療機関所在地; beds, occupancy and bed blocking are by nature).
 */
export type AreaBasis = 'home' | 'treating';

/** How a local KPI reads: minutes, a share (0–1), a count of patients or cases, patient-days. */
export type AreaValueKind = 'minutes' | 'share' | 'count' | 'patientDays';

export interface AreaColumn {
  /** stable column id (CSV header, data-column attribute) */
  id: string;
  basis: AreaBasis;
  kind: AreaValueKind;
  /** the model's KPI key of this column for one area */
  key(area: string): string;
}

/** The local KPIs in the order every by-area table shows them (issue 16 "Results by area"). */
export const AREA_COLUMNS: readonly AreaColumn[] = [
  { id: 'callToScene', basis: 'home', kind: 'minutes', key: (a) => `area.${a}.response.mean` },
  { id: 'callToHospital', basis: 'home', kind: 'minutes', key: (a) => `area.${a}.callToHospital.mean` },
  { id: 'difficultTransports', basis: 'home', kind: 'count', key: (a) => `area.${a}.difficultTransports` },
  { id: 'inquiriesRefused', basis: 'home', kind: 'share', key: (a) => `area.${a}.inquiriesRefusedShare` },
  { id: 'walkInsRedirected', basis: 'home', kind: 'count', key: (a) => `area.${a}.walkInsRedirected` },
  { id: 'admissions', basis: 'home', kind: 'count', key: (a) => `area.${a}.admissions` },
  // overflow beside admissions, so "fewer admissions" is not read as less demand
  { id: 'overflow', basis: 'treating', kind: 'count', key: (a) => `area.${a}.overflow` },
  { id: 'leftRegion', basis: 'home', kind: 'count', key: (a) => `area.${a}.leftRegion` },
  { id: 'bedBlocking', basis: 'treating', kind: 'patientDays', key: (a) => `bedBlocking.days.${a}` },
  { id: 'occupancy', basis: 'treating', kind: 'share', key: (a) => `occupancy.${a}.general` },
  { id: 'outflow', basis: 'home', kind: 'share', key: (a) => `outflow.${a}` },
];

export interface AreaCell {
  column: AreaColumn;
  key: string;
  estimate: Estimate | null;
  /** patient-days ÷ days measured: about how many patients a day (patient-days columns only) */
  perDay: number | null;
}

export interface AreaRow {
  area: string;
  cells: AreaCell[];
}

/** Patient-days over a horizon as "≈ N patients a day" (the mean number waiting on any day). */
export function patientsPerDay(patientDays: number, days: number): number {
  return days > 0 ? patientDays / days : 0;
}

/**
 * One row per area (in the order given) with the local KPIs of an aggregate; a column the
 * result lacks (a result stored before a key existed) is null. `only` keeps one area.
 */
export function areaRows(
  kpis: Readonly<Record<string, Estimate>>,
  areas: readonly string[],
  horizonDays: number,
  only: string | null = null,
): AreaRow[] {
  return areas
    .filter((area) => only === null || area === only)
    .map((area) => ({
      area,
      cells: AREA_COLUMNS.map((column) => {
        const key = column.key(area);
        const estimate = kpis[key] ?? null;
        return {
          column,
          key,
          estimate,
          perDay:
            estimate && column.kind === 'patientDays' ? patientsPerDay(estimate.mean, horizonDays) : null,
        };
      }),
    }));
}

/** The KPI keys of the by-area table for some areas, area by area (for difference tables). */
export function areaKpiKeys(areas: readonly string[]): string[] {
  return areas.flatMap((area) => AREA_COLUMNS.map((c) => c.key(area)));
}

/** Residents of `home` (rows) admitted in `treating` (columns) per year, from a mean flow matrix. */
export interface FlowPerYear {
  areas: string[];
  /** admissions per year, home × treating */
  perYear: number[][];
  /** residents per year who found no hospital in the region */
  leftRegionPerYear: number[];
}

export function flowPerYear(
  flow: Pick<FlowMatrix, 'areas' | 'admissions' | 'leftRegion'>,
  horizonDays: number,
): FlowPerYear {
  const scale = horizonDays > 0 ? 365 / horizonDays : 0;
  return {
    areas: [...flow.areas],
    perYear: flow.admissions.map((row) => row.map((x) => x * scale)),
    leftRegionPerYear: flow.leftRegion.map((x) => x * scale),
  };
}

/**
 * Practical thresholds (issue 16): a difference is worth a planner's attention only when it is
 * at least this large, whatever its CI says — minutes 1.0 min, shares 1 percentage point, days
 * 0.5 day, counts (patients, cases, patient-days, beds, vehicles …) 5 % of the baseline.
 */
export const PRACTICAL_THRESHOLDS = {
  minutes: 1.0,
  sharePoints: 0.01,
  days: 0.5,
  relative: 0.05,
} as const;

export type ThresholdKind = 'minutes' | 'share' | 'days' | 'relative';

/** Which threshold a KPI key takes, from the key families of the model (libs/model/README.md). */
export function thresholdKind(key: string): ThresholdKind {
  if (
    /^(occupancy|selfSufficiency|outflow|ambulance\.utilisation)\./.test(key) ||
    /(Share|\.share|\.withinThreshold)$/.test(key) ||
    /\.queuedShare$/.test(key)
  )
    return 'share';
  if (
    /^(ambulance\.(response|callToHospital|callWait|onScene|vehicleWait)\.(mean|p50|p90))$/.test(key) ||
    /^area\.[^.]+\.(response|callToHospital|callWait)\.mean$/.test(key) ||
    /^timeToCare\.[^.]+\.mean$/.test(key) ||
    key === 'transfers.minutes.mean'
  )
    return 'minutes';
  if (/^(los|alos)\./.test(key) || /^(scheduled|elective)\.waitDays\.mean$/.test(key)) return 'days';
  return 'relative';
}

/** The practical threshold of a key, in its own unit (shares as a 0–1 difference), for baseline a. */
export function practicalThreshold(key: string, a: number): number {
  switch (thresholdKind(key)) {
    case 'share':
      return PRACTICAL_THRESHOLDS.sharePoints;
    case 'minutes':
      return PRACTICAL_THRESHOLDS.minutes;
    case 'days':
      return PRACTICAL_THRESHOLDS.days;
    case 'relative':
      return PRACTICAL_THRESHOLDS.relative * Math.abs(a);
  }
}

/**
 * 有意 as a report says it: the 95 % CI excludes 0 AND the difference is at least the KPI's
 * practical threshold (a +0.23 min change with a tight CI is not 有意). A count whose baseline
 * is 0 needs only a difference of one.
 */
export function practicallySignificant(
  key: string,
  d: Pick<KpiDifference, 'a' | 'difference' | 'significant'>,
): boolean {
  if (!d.significant) return false;
  const threshold = practicalThreshold(key, d.a);
  return Math.abs(d.difference) >= (threshold > 0 ? threshold : 1);
}
