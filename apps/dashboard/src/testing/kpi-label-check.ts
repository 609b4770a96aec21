// Test support: what every KPI key must have on screen (a label and a unit in Japanese and in
// English, each in its own language), and the keys issue 15 plans (libs/model/README.md "KPI
// keys"), so the label table is checked before the model writes them. Used by the dashboard's
// label spec and by tests/model/kpi-labels.spec.ts, which walks a real replication's keys.
import { BED_FUNCTIONS } from '@caretwin/contracts';
import { describeKpi, REFUSAL_REASONS, UNIT_NAMES, type KpiNames } from '../charts/kpi-labels';

/** Kana, CJK ideographs, CJK punctuation and full-width forms. */
export const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** A Latin letter: a Japanese label spells no English word (digits, %, →, : are fine). */
export const LATIN = /[A-Za-z]/;

/** Planned keys (issue 15 packages A, B, C, E) for a region with these areas. */
export function plannedKpiKeys(areas: readonly string[]): string[] {
  const perArea = (a: string) => [
    `area.${a}.response.mean`,
    `area.${a}.callToHospital.mean`,
    `area.${a}.callWait.mean`,
    `area.${a}.difficultTransports`,
    `area.${a}.inquiriesRefusedShare`,
    `area.${a}.walkInsRedirected`,
    `outflow.${a}`,
    `ambulance.utilisation.${a}`,
    `bedBlocking.days.${a}`,
    ...BED_FUNCTIONS.map((f) => `daysOver95.${a}.${f}`),
  ];
  return [
    // A: access with reasons, vehicles that queue
    'inquiries.total',
    'inquiries.refused',
    'inquiries.refusedShare',
    ...REFUSAL_REASONS.map((r) => `inquiries.refused.${r}`),
    'inquiries.perAcceptedPatient.mean',
    'inquiries.firstAcceptedShare',
    'inquiries.fourPlusShare',
    'ambulance.onScene30Share',
    'difficultTransports',
    'difficultTransports.share',
    'walkIns.redirected',
    'walkIns.redirectedShare',
    'ambulance.callWait.mean',
    'ambulance.callWait.p90',
    'ambulance.callWait.queuedShare',
    'ambulance.mutualAid',
    'ambulance.mutualAid.share',
    'ambulance.utilisation.prefecture',
    'ambulance.vehiclesBusy.mean',
    // B: demand from rates, scheduled and emergency admissions
    'admissions.scheduled',
    'admissions.emergency',
    'admissions.walkIn',
    'admissions.ambulance',
    'scheduled.waitDays.mean',
    'scheduled.waiting.mean',
    // C: beds and policies
    'transfers.minutes.mean',
    // E: eligibility as the system works
    'eligibility.failures',
    'eligibility.failures.outage',
    'eligibility.failures.individual',
    'eligibility.staffMinutes',
    'eligibility.fullPayUpfront',
    'eligibility.proofDocument',
    'eligibility.deferredOutpatient',
    'eligibility.laterAdmissions',
    'eligibility.delayMinutes',
    ...areas.flatMap(perArea),
  ];
}

/** Removes the region's names (proper names may be in either script) before a script check. */
function withoutNames(text: string, properNames: readonly string[]): string {
  return [...properNames]
    .sort((a, b) => b.length - a.length)
    .reduce((t, name) => (name ? t.split(name).join('') : t), text);
}

/**
 * What is wrong with the labels of these keys, one line per problem (empty: nothing): a key
 * without a label or unit, a Japanese label or unit with a Latin letter, an English one with
 * Japanese, or two current keys sharing a label.
 */
export function kpiLabelProblems(
  keys: readonly string[],
  names: KpiNames,
  properNames: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const seen = { ja: new Map<string, string>(), en: new Map<string, string>() };
  for (const key of keys) {
    const d = describeKpi(key, names);
    if (!d) {
      problems.push(`${key}: no label`);
      continue;
    }
    if (d.unit === 'number') problems.push(`${key}: no unit`);
    const unit = UNIT_NAMES[d.unit];
    if (LATIN.test(unit.ja)) problems.push(`${key}: Japanese unit "${unit.ja}" has Latin letters`);
    if (JAPANESE.test(unit.en)) problems.push(`${key}: English unit "${unit.en}" has Japanese`);
    for (const lang of ['ja', 'en'] as const) {
      const label = d.label[lang];
      if (!label.trim() || label === key) problems.push(`${key}: empty ${lang} label`);
      const rest = withoutNames(label, properNames);
      if (lang === 'ja' && LATIN.test(rest))
        problems.push(`${key}: Japanese label "${label}" has Latin letters`);
      if (lang === 'en' && JAPANESE.test(rest))
        problems.push(`${key}: English label "${label}" has Japanese`);
      if (d.legacy) continue;
      const other = seen[lang].get(label);
      if (other && other !== key) problems.push(`${key}: same ${lang} label as ${other} ("${label}")`);
      seen[lang].set(label, key);
    }
  }
  return problems;
}
