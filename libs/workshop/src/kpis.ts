// The board's key KPIs (issue 19: "the key KPIs with paired differences and CIs"): the figures a
// 地域医療構想 調整会議 argues about, each a key every result has (libs/model's result builder
// writes them for every region). Labels are this lib's own short table: the dashboard's full
// KPI table lives in apps/ and a lib may not import from there.
import type { Board, Comparison, KpiDifference } from '@caretwin/contracts';

export interface BoardKpi {
  key: string;
  /** the column heading */
  label: { ja: string; en: string };
  /** the words a sentence uses ("転院待ちは38%減") */
  noun: { ja: string; en: string };
  /** the dashboard's KpiUnit names (apps/dashboard/src/charts/kpi-labels.ts UNIT_NAMES) */
  unit: 'patientDays' | 'percent' | 'cases' | 'minutes' | 'patients';
  /** a share (0–1): its change is said in percentage points, not relative to itself */
  share: boolean;
}

const kpi = (
  key: string,
  unit: BoardKpi['unit'],
  label: [string, string],
  noun: [string, string],
): BoardKpi => ({
  key,
  unit,
  label: { ja: label[0], en: label[1] },
  noun: { ja: noun[0], en: noun[1] },
  share: unit === 'percent',
});

export const BOARD_KPIS: readonly BoardKpi[] = [
  kpi(
    'bedBlocking.days',
    'patientDays',
    ['転院待ち(延べ日数)', 'Bed blocking (patient-days)'],
    ['転院待ち', 'bed-blocking days'],
  ),
  kpi(
    'inquiries.refusedShare',
    'percent',
    ['受入照会の断り(割合)', 'Refused inquiries (share)'],
    ['受入照会の断り', 'refused inquiries'],
  ),
  kpi(
    'difficultTransports',
    'cases',
    ['救急搬送困難事案', 'Difficult transports'],
    ['救急搬送困難事案', 'difficult transports'],
  ),
  kpi(
    'ambulance.callToHospital.mean',
    'minutes',
    ['119番から病院到着(平均)', 'Call to hospital (mean)'],
    ['119番から病院到着までの時間', 'call-to-hospital time'],
  ),
  kpi(
    'occupancy.prefecture.acute',
    'percent',
    ['急性期の病床稼働率', 'Acute bed occupancy'],
    ['急性期の病床稼働率', 'acute bed occupancy'],
  ),
  kpi(
    'occupancy.prefecture.recovery',
    'percent',
    ['回復期の病床稼働率', 'Recovery bed occupancy'],
    ['回復期の病床稼働率', 'recovery bed occupancy'],
  ),
  kpi('admissions', 'patients', ['入院', 'Admissions'], ['入院', 'admissions']),
  kpi(
    'leftRegion',
    'patients',
    ['地域外へ出た患者', 'Left the region'],
    ['地域外へ出た患者', 'patients leaving the region'],
  ),
];

export const BOARD_KPI_KEYS: readonly string[] = BOARD_KPIS.map((k) => k.key);

/**
 * The keys a sentence names even when they did not change: the two the example
 * sentence is about (転院待ち, 受入照会の断り).
 */
export const HEADLINE_KPI_KEYS: readonly string[] = ['bedBlocking.days', 'inquiries.refusedShare'];

/** The board's KPI columns, in order. */
export function boardKpiLabels(): Board['kpis'] {
  return BOARD_KPIS.map((k) => ({ key: k.key, label: { ...k.label }, unit: k.unit }));
}

/**
 * Whether a difference is 有意 as every output of the product says it (issue 16): the 95 % CI
 * excludes 0 AND the change reaches the KPI's practical threshold (`practical`, set by
 * compareResults); a comparison without thresholds falls back to the CI alone.
 */
export function meaningful(d: KpiDifference | undefined): boolean {
  return d !== undefined && (d.practical ?? d.significant) === true;
}

/** The board keys whose paired difference is 有意 (meaningful), in board order. */
export function significantKeys(comparison: Comparison): string[] {
  return BOARD_KPI_KEYS.filter((key) => meaningful(comparison.kpis[key]));
}

/** The comparison cut to the board's keys: the board travels on every board.updated event. */
export function boardComparison(comparison: Comparison): Comparison {
  const kpis: Comparison['kpis'] = {};
  for (const key of BOARD_KPI_KEYS) if (comparison.kpis[key]) kpis[key] = comparison.kpis[key];
  return { ...comparison, kpis };
}
