// The KPIs a planner reads first, with their units and names in both languages (keys from
// libs/model/README.md "KPI keys"). Shared by the results view, the live view and reports.
import type { Localized } from './labels';

export type KpiUnit = 'percent' | 'count' | 'minutes' | 'days' | 'number';

export interface KpiDefinition {
  key: string;
  unit: KpiUnit;
  label: Localized;
}

export const HEADLINE_KPIS: readonly KpiDefinition[] = [
  {
    key: 'occupancy.prefecture.highAcute',
    unit: 'percent',
    label: { ja: '高度急性期 稼働率', en: 'High-acute occupancy' },
  },
  {
    key: 'occupancy.prefecture.acute',
    unit: 'percent',
    label: { ja: '急性期 稼働率', en: 'Acute occupancy' },
  },
  {
    key: 'occupancy.prefecture.recovery',
    unit: 'percent',
    label: { ja: '回復期 稼働率', en: 'Recovery occupancy' },
  },
  {
    key: 'occupancy.prefecture.chronic',
    unit: 'percent',
    label: { ja: '慢性期 稼働率', en: 'Chronic occupancy' },
  },
  { key: 'refusals', unit: 'count', label: { ja: '受入不可(照会の断り)', en: 'Refusals (no bed)' } },
  { key: 'difficultTransports', unit: 'count', label: { ja: '搬送困難事案', en: 'Difficult transports' } },
  {
    key: 'ambulance.callToHospital.mean',
    unit: 'minutes',
    label: { ja: '119番から病院到着(平均)', en: 'Call to hospital (mean)' },
  },
  {
    key: 'ambulance.response.mean',
    unit: 'minutes',
    label: { ja: '119番から現場到着(平均)', en: 'Call to scene (mean)' },
  },
  {
    key: 'bedBlocking.days',
    unit: 'days',
    label: { ja: '転院待ち(ベッドブロッキング)', en: 'Bed-blocking days' },
  },
  { key: 'overflow', unit: 'count', label: { ja: '満床時の病床外受入', en: 'Overflow admissions' } },
  { key: 'leftRegion', unit: 'count', label: { ja: '県外への流出', en: 'Left the region' } },
  { key: 'admissions', unit: 'count', label: { ja: '入院', en: 'Admissions' } },
  {
    key: 'elective.waitDays.mean',
    unit: 'days',
    label: { ja: '予定入院の待機(平均)', en: 'Elective wait (mean)' },
  },
  {
    key: 'eligibility.failures',
    unit: 'count',
    label: { ja: '資格確認エラー', en: 'Eligibility-check failures' },
  },
  { key: 'eligibility.forgone', unit: 'count', label: { ja: '受診断念', en: 'Care forgone' } },
  { key: 'alos.general', unit: 'days', label: { ja: '平均在院日数(一般)', en: 'Average stay (general)' } },
];

/** Live counters of a running run (RunCounters keys) with their names. */
export const LIVE_COUNTERS: ReadonlyArray<{
  key: 'admissions' | 'refusals' | 'difficultTransports' | 'overflow' | 'leftRegion';
  label: Localized;
}> = [
  { key: 'admissions', label: { ja: '入院', en: 'Admissions' } },
  { key: 'refusals', label: { ja: '受入不可(照会の断り)', en: 'Refusals (no bed)' } },
  { key: 'difficultTransports', label: { ja: '搬送困難事案', en: 'Difficult transports' } },
  { key: 'overflow', label: { ja: '満床時の病床外受入', en: 'Overflow admissions' } },
  { key: 'leftRegion', label: { ja: '県外への流出', en: 'Left the region' } },
];
