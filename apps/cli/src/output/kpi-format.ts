// Which KPIs a terminal table shows first and how a value of each reads (shares as %, counts
// grouped, minutes and days with one decimal). Keys are the model's (libs/model/README.md).

export interface KpiRow {
  key: string;
  label: string;
  unit: string;
}

/** Shares in 0–1 that read better as percentages. */
export function isShare(key: string): boolean {
  return (
    key.startsWith('occupancy.') ||
    key.startsWith('selfSufficiency.') ||
    key.startsWith('outflow.') ||
    key.startsWith('ambulance.utilisation.') ||
    key.endsWith('.share') ||
    /Share$/.test(key) ||
    key.endsWith('.withinThreshold')
  );
}

/**
 * Unit of each key family, first match wins (the dashboard names the same families in
 * apps/dashboard/src/charts/kpi-labels.ts): minutes, days, patient-days, beds, vehicles,
 * inquiries per patient, and counts of patients or of cases (calls, inquiries, checks).
 */
const UNITS: ReadonlyArray<[RegExp, string]> = [
  [/^ambulance\.vehiclesBusy\./, 'vehicles'],
  [/^(ambulance\.inquiries|inquiries\.perAcceptedPatient)\.mean$/, 'inquiries'],
  [/^ambulance\..*\.(mean|p50|p90)$/, 'min'],
  [/^area\.[^.]+\.(response|callToHospital|callWait)\.mean$/, 'min'],
  [/^timeToCare\..*\.mean$/, 'min'],
  [/^transfers\.minutes\.mean$/, 'min'],
  [/^eligibility\.(delayMinutes|staffMinutes)$/, 'min'],
  [/^(los|alos|daysOver95)\.|^(elective|scheduled)\.waitDays\.mean$/, 'days'],
  [/^bedBlocking\.days|\.bedDays$|^stepDowns\.recoveryTailWaitDays$/, 'patient-days'],
  [/^(beds|bedsInUse)\./, 'beds'],
  [/^admissions\.perYearPer100k$/, 'per 100k a year'],
  [/^events$/, 'events'],
  [
    /^(ambulance\.calls|ambulance\.mutualAid|difficultTransports|area\.[^.]+\.difficultTransports|refusals|inquiries\.(total|refused)|eligibility\.failures)(\.|$)/,
    'cases',
  ],
  [
    /^(admissions|overflow|leftRegion|area\.[^.]+\.(admissions|leftRegion|overflow)$|transfers|stepDowns\.recoveryTail$|borrowing\.admissions|walkIns\.redirected|area\.[^.]+\.walkInsRedirected|ambulance\.(accepted|transportedNotAdmitted|callToHospital\.count)|timeToCare\..*\.count|discharges|deaths|(elective|scheduled)\.waiting\.mean|eligibility\.)/,
    'patients',
  ],
];

export function unitOf(key: string): string {
  if (isShare(key)) return '%';
  return UNITS.find(([pattern]) => pattern.test(key))?.[1] ?? '';
}

const HEADLINE: Array<[string, string]> = [
  ['occupancy.prefecture.highAcute', 'occupancy high-acute 高度急性期'],
  ['occupancy.prefecture.acute', 'occupancy acute 急性期'],
  ['occupancy.prefecture.recovery', 'occupancy recovery 回復期'],
  ['occupancy.prefecture.chronic', 'occupancy chronic 慢性期'],
  ['daysOver95.prefecture.acute', 'days acute beds > 95 % full'],
  ['daysOver95.prefecture.recovery', 'days recovery beds > 95 % full'],
  ['admissions', 'admissions'],
  ['admissions.scheduled', 'scheduled admissions 予定入院'],
  ['admissions.emergency', 'emergency admissions 緊急入院'],
  ['inquiries.refusedShare', 'inquiries refused (share of inquiries)'],
  ['inquiries.perAcceptedPatient.mean', 'inquiries per accepted patient'],
  ['walkIns.redirected', 'walk-ins redirected (first choice full)'],
  ['overflow', 'admitted over capacity (overflow)'],
  ['leftRegion', 'left the region'],
  ['bedBlocking.days', 'bed blocking'],
  ['bedBlocking.days.recovery', 'bed blocking waiting for recovery 回復期'],
  ['transfers', 'step-down transfers'],
  ['stepDowns.recoveryTail', 'acute-stay tails moved to recovery 転棟'],
  ['stepDowns.recoveryTailWaitDays', 'acute-bed days waiting for recovery'],
  ['ambulance.calls', 'ambulance calls'],
  ['ambulance.response.mean', 'call → scene, mean'],
  ['ambulance.callToHospital.mean', 'call → hospital, mean'],
  ['ambulance.callToHospital.p90', 'call → hospital, 90th centile'],
  ['ambulance.callWait.mean', 'wait for a free ambulance, mean'],
  ['ambulance.utilisation.prefecture', 'ambulance utilisation'],
  ['difficultTransports', 'difficult transports 搬送困難事案'],
  ['scheduled.waitDays.mean', 'wait for a scheduled admission, mean'],
  ['alos.general', 'ALOS general beds 平均在院日数'],
  ['eligibility.failures', 'eligibility check failures'],
  ['eligibility.fullPayUpfront', 'paid 10割 upfront (refund later)'],
  ['eligibility.staffMinutes', 'staff time for failed checks'],
];

/** Areas beyond this many are left to kpis.csv (a Japan-size region has 330). */
const MAX_AREA_ROWS = 12;

/** The headline rows present in `keys`, then self-sufficiency (自己完結率) per area. */
export function headlineRows(keys: string[]): KpiRow[] {
  const present = new Set(keys);
  const rows: KpiRow[] = HEADLINE.filter(([key]) => present.has(key)).map(([key, label]) => ({
    key,
    label,
    unit: unitOf(key),
  }));
  const areas = keys.filter((k) => k.startsWith('selfSufficiency.'));
  if (areas.length <= MAX_AREA_ROWS)
    for (const key of areas)
      rows.push({
        key,
        label: `self-sufficiency 自己完結率 ${key.slice('selfSufficiency.'.length)}`,
        unit: '%',
      });
  return rows;
}

export function allRows(keys: string[]): KpiRow[] {
  return [...keys].sort().map((key) => ({ key, label: key, unit: unitOf(key) }));
}

/** A value for a table: shares in %, big counts grouped, small figures with a few decimals. */
export function formatValue(key: string, value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (isShare(key)) return `${(100 * value).toFixed(1)}`;
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
