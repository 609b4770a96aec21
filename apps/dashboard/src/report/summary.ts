// The report's opening paragraph (issue 16): what was simulated, what changed from the baseline,
// the largest differences that are significant AND beyond their practical threshold, and the
// area whose beds are tightest — in the page's language, for a reader who stops there. Also the
// name the report gives the baseline (its 基準シナリオ): the baseline run's scenario when the
// report compares, else the scenario the what-if extends — never the what-if itself.
import {
  AREA_COLUMNS,
  patientsPerDay,
  practicallySignificant,
  type Comparison,
  type Estimate,
} from '@caretwin/contracts';
import { formatDifference } from '../charts/difference-chart';
import { formatKpi } from '../charts/kpi-cards';
import { HEADLINE_KPI_KEYS } from '../charts/kpi-catalogue';
import { kpiLabel, kpiNamesOf, kpiUnit } from '../charts/kpi-labels';
import type { ResultDocument } from '../api/types';
import { fmt, lang, localized, t } from '../i18n';
import { describePolicy, SETTING_NAMES, settingText } from '../levers/describe';
import { leverDifferences } from '../levers/diff';
import { regionNamers } from '../views/compare-parts';
import { areaNamer } from '../views/region-labels';

/** How many differences and levers the paragraph names before it stops. */
const MAX_NAMED = 3;

/**
 * The baseline the report names: with a compared baseline run, its scenario ("name (id)");
 * else `extends` of the scenario — and when that is the scenario's own id (a run of the same
 * scenario with other settings), it says so rather than naming the scenario as its own baseline.
 */
export function baselineName(doc: ResultDocument, baseline?: ResultDocument): string | null {
  if (baseline) {
    const s = baseline.provenance.scenario;
    const name = localized(s.name, s.id);
    return name === s.id ? s.id : `${name} (${s.id})`;
  }
  const { scenario } = doc.provenance;
  if (!scenario.extends) return null;
  const base = scenario.extends.replace(/@\d+$/, '');
  return base === scenario.id
    ? t('report.baselineSettings', { baseline: scenario.extends })
    : scenario.extends;
}

/** The practically significant differences, largest relative to a first. */
export function biggestDifferences(comparison: Comparison, keys: readonly string[]): string[] {
  return keys
    .filter((k) => comparison.kpis[k] && practicallySignificant(k, comparison.kpis[k]))
    .map((k) => {
      const d = comparison.kpis[k];
      return { key: k, size: Math.abs(d.difference) / Math.max(Math.abs(d.a), 1e-9) };
    })
    .sort((x, y) => y.size - x.size || (x.key < y.key ? -1 : 1))
    .slice(0, MAX_NAMED)
    .map(({ key }) => key);
}

function differencePhrase(key: string, comparison: Comparison, doc: ResultDocument): string {
  const d = comparison.kpis[key];
  const unit = kpiUnit(key);
  const names = kpiNamesOf(doc.provenance.region);
  return `${kpiLabel(key, lang(), names)} ${formatKpi(d.a, unit, lang())} → ${formatKpi(d.b, unit, lang())} (${formatDifference(d.difference, unit, lang())})`;
}

/** The area whose general beds are fullest, with its bed blocking. */
function tightestArea(doc: ResultDocument): string | null {
  const kpis = doc.aggregate.kpis;
  const areas = doc.provenance.region.areas.map((a) => a.id);
  let best: { area: string; occupancy: Estimate } | null = null;
  for (const area of areas) {
    const occupancy = kpis[`occupancy.${area}.general`];
    if (occupancy && (!best || occupancy.mean > best.occupancy.mean)) best = { area, occupancy };
  }
  if (!best) return null;
  const blocking = kpis[`bedBlocking.days.${best.area}`];
  const days = doc.aggregate.horizonDays;
  const perDay = blocking ? patientsPerDay(blocking.mean, days) : 0;
  return t('report.summaryTightest', {
    area: areaNamer(doc.provenance.region)(best.area),
    occupancy: fmt.percent(best.occupancy.mean, 1),
    blocking: blocking ? formatKpi(blocking.mean, 'patientDays', lang()) : '–',
    perDay: t('area.perDay', { n: fmt.number(perDay, perDay >= 10 ? 0 : 1) }),
  });
}

/** The lever changes of b against a in words (at most MAX_NAMED, then "…"). */
function changes(a: ResultDocument, b: ResultDocument): string {
  const diff = leverDifferences(a.provenance.scenario, b.provenance.scenario);
  const names = regionNamers(b.provenance.region);
  const phrases = [
    ...diff.onlyB.map((p) => describePolicy(p, names, lang())),
    ...diff.settings.map(
      (s) =>
        `${SETTING_NAMES[s.field][lang()]} ${settingText(s.field, s.a, lang())} → ${settingText(s.field, s.b, lang())}`,
    ),
  ];
  if (phrases.length === 0) return '–';
  const shown = phrases.slice(0, MAX_NAMED).join(lang() === 'ja' ? '、' : '; ');
  return phrases.length > MAX_NAMED ? `${shown} …` : shown;
}

/** The summary paragraph's sentences. */
export function summarySentences(
  doc: ResultDocument,
  baseline?: { result: ResultDocument; comparison: Comparison },
): string[] {
  const { scenario, region } = doc.provenance;
  const sentences = [
    t('report.summaryRun', {
      region: localized(region.name, region.id),
      scenario: localized(scenario.name, scenario.id),
      year: scenario.year,
      horizon: fmt.number(doc.aggregate.horizonDays),
      replications: doc.provenance.replications,
    }),
  ];
  if (baseline) {
    sentences.push(
      t('report.summaryChanges', {
        baseline: baselineName(doc, baseline.result) ?? '',
        levers: changes(baseline.result, doc),
      }),
    );
    const areaKeys = region.areas.flatMap((a) => AREA_COLUMNS.map((c) => c.key(a.id)));
    const biggest = biggestDifferences(baseline.comparison, [...HEADLINE_KPI_KEYS, ...areaKeys]);
    sentences.push(
      biggest.length
        ? t('report.summaryBiggest', {
            list: biggest
              .map((k) => differencePhrase(k, baseline.comparison, doc))
              .join(lang() === 'ja' ? '、' : '; '),
          })
        : t('report.summaryNone'),
    );
  }
  const tightest = tightestArea(doc);
  if (tightest) sentences.push(tightest);
  if (baseline) sentences.push(t('report.summaryThreshold'));
  return sentences;
}
