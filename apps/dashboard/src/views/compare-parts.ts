// Pieces of a comparison shared by the Compare view and the standalone report: the lever
// differences of two scenarios in words, the method banner (paired on common random numbers, or
// Welch and why), and the table of differences with significant rows highlighted.
import {
  practicallySignificant,
  practicalThreshold,
  type Comparison,
  type KpiDifference,
} from '@caretwin/contracts';
import type { Scenario } from '@caretwin/scenario';
import type { ResultDocument } from '../api/types';
import { formatDifference } from '../charts/difference-chart';
import { formatKpi } from '../charts/kpi-cards';
import { kpiLabel, kpiUnit, NO_NAMES, type KpiNames, type KpiUnit } from '../charts/kpi-labels';
import { lang, t } from '../i18n';
import { describePolicy, SETTING_NAMES, settingText, type Namers } from '../levers/describe';
import { leverDifferences, sameLevers } from '../levers/diff';
import { h } from '../ui/dom';
import { section } from '../ui/widgets';
import { areaNamer, hospitalNamer } from './region-labels';
import './compare.css';

/** A KPI's unit from the key families of charts/kpi-labels.ts (`number` for a key none knows). */
export const unitOf = (key: string): KpiUnit => kpiUnit(key);
/** A KPI's label in the page's language, areas and conditions named from the region. */
export const labelOf = (key: string, names: KpiNames = NO_NAMES): string => kpiLabel(key, lang(), names);

/** Names of a region's areas, hospitals and conditions in the page's language. */
export function regionNamers(region: ResultDocument['provenance']['region']): Namers {
  const conditions = new Map(region.conditions.map((c) => [c.id, c.name]));
  return {
    area: areaNamer(region),
    hospital: hospitalNamer(region),
    condition: (id) => conditions.get(id)?.[lang()] ?? id,
  };
}

/** The levers of one scenario (what it changes in the region's data), in words. */
export function leverList(scenario: Scenario, region: ResultDocument['provenance']['region']): HTMLElement {
  const names = regionNamers(region);
  return scenario.policies.length
    ? h(
        'ul',
        { class: 'levers' },
        scenario.policies.map((p) => h('li', { 'data-kind': p.kind }, describePolicy(p, names, lang()))),
      )
    : h('p', { class: 'muted', 'data-levers': 'none' }, t('report.noLevers'));
}

export function leverSection(a: ResultDocument, b: ResultDocument): HTMLElement {
  const diff = leverDifferences(a.provenance.scenario, b.provenance.scenario);
  // b's region names the levers (a what-if and its baseline share the region)
  const names = regionNamers(b.provenance.region);
  const list = (cls: string, title: string, policies: typeof diff.onlyB): HTMLElement | null =>
    policies.length
      ? h(
          'div',
          { class: cls },
          h('h3', null, title),
          h(
            'ul',
            null,
            policies.map((p) => h('li', { 'data-kind': p.kind }, describePolicy(p, names, lang()))),
          ),
        )
      : null;
  return section(
    t('compare.levers'),
    sameLevers(diff) ? h('p', { class: 'muted', 'data-levers': 'same' }, t('compare.sameLevers')) : null,
    diff.settings.length
      ? h(
          'table',
          { class: 'setting-differences' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, t('compare.setting')),
              h('th', { scope: 'col' }, 'a'),
              h('th', { scope: 'col' }, 'b'),
            ),
          ),
          h(
            'tbody',
            null,
            diff.settings.map((s) =>
              h(
                'tr',
                { 'data-setting': s.field },
                h('th', { scope: 'row' }, SETTING_NAMES[s.field][lang()]),
                h('td', null, settingText(s.field, s.a, lang())),
                h('td', null, settingText(s.field, s.b, lang())),
              ),
            ),
          ),
        )
      : null,
    list('levers-only-b', t('compare.onlyB', { n: diff.onlyB.length }), diff.onlyB),
    list('levers-only-a', t('compare.onlyA', { n: diff.onlyA.length }), diff.onlyA),
    diff.shared.length ? h('p', { class: 'muted' }, t('compare.shared', { n: diff.shared.length })) : null,
  );
}

function differenceRows(
  keys: readonly string[],
  kpis: Readonly<Record<string, KpiDifference>>,
  names: KpiNames,
): HTMLElement[] {
  return keys.flatMap((key) => {
    const d = kpis[key];
    if (!d) return [];
    const unit = unitOf(key);
    // 有意 only when the CI excludes 0 AND the difference reaches the KPI's practical threshold
    const practical = practicallySignificant(key, d);
    const threshold = d.threshold ?? practicalThreshold(key, d.a);
    return [
      h(
        'tr',
        {
          'data-kpi': key,
          'data-significant': String(practical),
          'data-ci-excludes-zero': String(d.significant),
          class: practical ? 'significant' : null,
        },
        h('th', { scope: 'row' }, labelOf(key, names)),
        h('td', { class: 'num' }, formatKpi(d.a, unit, lang())),
        h('td', { class: 'num' }, formatKpi(d.b, unit, lang())),
        h('td', { class: 'num' }, formatDifference(d.difference, unit, lang())),
        h(
          'td',
          { class: 'num' },
          `${formatDifference(d.lo, unit, lang())} … ${formatDifference(d.hi, unit, lang())}`,
        ),
        h('td', { class: 'num threshold' }, `±${formatDifference(threshold, unit, lang()).slice(1)}`),
        h(
          'td',
          null,
          practical
            ? h('span', { class: 'badge significant' }, t('compare.significant'))
            : h(
                'span',
                { class: 'muted' },
                d.significant ? t('compare.belowThreshold') : t('compare.notSignificant'),
              ),
        ),
      ),
    ];
  });
}

export function differenceTableElement(
  keys: readonly string[],
  comparison: Comparison,
  caption: string,
  names: KpiNames = NO_NAMES,
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'differences' },
      h('caption', null, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            t('compare.kpi'),
            'a',
            'b',
            t('compare.difference'),
            t('compare.ci'),
            t('compare.threshold'),
            t('compare.significance'),
          ].map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h('tbody', null, differenceRows(keys, comparison.kpis, names)),
    ),
    h('p', { class: 'muted small threshold-note' }, t('compare.thresholdNote')),
  );
}

export function methodBanner(comparison: Comparison): HTMLElement {
  return h(
    'p',
    {
      class: `method-banner ${comparison.paired ? 'paired' : 'unpaired'}`,
      role: 'note',
      'data-method': comparison.method,
    },
    h('strong', null, comparison.paired ? t('compare.paired') : t('compare.unpaired')),
    ' ',
    comparison.paired
      ? t('compare.pairedWhy')
      : t('compare.unpairedWhy', {
          seedA: comparison.a.seed,
          seedB: comparison.b.seed,
          nA: comparison.a.replications,
          nB: comparison.b.replications,
        }),
    // the api's note is English: the sentence above says the same in the page's language
    lang() === 'en' ? h('span', { class: 'muted small' }, ` (${comparison.note})`) : null,
  );
}
