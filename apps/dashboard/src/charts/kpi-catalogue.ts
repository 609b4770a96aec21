// The KPIs a planner reads first, in the order the cards, the difference chart and the report
// show them. Names and units come from the key families of kpi-labels.ts. Shared by the results
// view, the compare view, the live view and reports.
import { describeKpi, type KpiUnit } from './kpi-labels';
import type { Localized } from './labels';

export type { KpiUnit } from './kpi-labels';

export interface KpiDefinition {
  key: string;
  unit: KpiUnit;
  label: Localized;
}

/** A key's definition from the label table (a key no family knows is a programming error here). */
function definition(key: string): KpiDefinition {
  const d = describeKpi(key);
  if (!d) throw new Error(`no label for KPI key "${key}" (charts/kpi-labels.ts)`);
  return { key, unit: d.unit, label: d.label };
}

/**
 * Headline keys. A key a result lacks is left out, so the keys that issue 15 renamed follow
 * their successors and show only in results stored before it (never both in one result).
 */
export const HEADLINE_KPI_KEYS: readonly string[] = [
  'occupancy.prefecture.highAcute',
  'occupancy.prefecture.acute',
  'occupancy.prefecture.recovery',
  'occupancy.prefecture.chronic',
  'difficultTransports',
  'inquiries.refusedShare',
  'inquiries.perAcceptedPatient.mean',
  'ambulance.inquiries.mean',
  'walkIns.redirected',
  'refusals.walkIn',
  'ambulance.callWait.mean',
  'ambulance.vehicleWait.mean',
  'ambulance.utilisation.prefecture',
  'ambulance.response.mean',
  'ambulance.callToHospital.mean',
  'bedBlocking.days.recovery',
  'bedBlocking.days',
  // overflow and left-region beside admissions: fewer admissions need not mean less demand
  'admissions',
  'overflow',
  'leftRegion',
  'scheduled.waitDays.mean',
  'elective.waitDays.mean',
  'eligibility.failures',
  'alos.general',
];

export const HEADLINE_KPIS: readonly KpiDefinition[] = HEADLINE_KPI_KEYS.map(definition);

/** Live counters of a running run (RunCounters keys) with their names. */
export const LIVE_COUNTERS: ReadonlyArray<{
  key: 'admissions' | 'refusals' | 'difficultTransports' | 'overflow' | 'leftRegion';
  label: Localized;
}> = [
  { key: 'admissions', label: definition('admissions').label },
  // RunCounters.refusals counts ambulance inquiries refused, every reason (walk-ins redirected apart)
  { key: 'refusals', label: definition('inquiries.refused').label },
  { key: 'difficultTransports', label: definition('difficultTransports').label },
  { key: 'overflow', label: definition('overflow').label },
  { key: 'leftRegion', label: definition('leftRegion').label },
];
