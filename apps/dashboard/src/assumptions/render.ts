// The Assumptions content as DOM, shared by the dashboard's Assumptions view and the standalone
// report: data sources, which inputs are synthetic or estimated (with the counts of the region
// actually used, when known), how the model departs from the static formula, the calibration
// residuals (copied from docs/calibration.md, and saying so) and the known limits.
import type { InputLabel } from '../api/types';
import { BED_FUNCTION_ORDER, FUNCTION_NAMES, type Localized } from '../charts/labels';
import { lang, t } from '../i18n';
import { h, type Children } from '../ui/dom';
import { AREA_OCCUPANCY, CALIBRATION_FIGURES, CALIBRATION_SOURCE, RESIDUALS } from './calibration-figures';
import { DATA_SOURCES, INPUT_KIND_NAMES, INPUTS, KNOWN_LIMITS, MODEL_CHOICES } from './content';
import './assumptions.css';

export interface AssumptionsInput {
  /** the region's own `sources` lines (its data files), when known */
  sources?: Readonly<Record<string, string>>;
  /** synthetic / estimated counts of the region used */
  inputs?: readonly InputLabel[];
  regionName?: Localized;
}

const say = (text: Localized): string => text[lang()];

function card(id: string, title: string, ...content: Children[]): HTMLElement {
  return h(
    'section',
    { class: 'card assumptions-section', id: `assumptions-${id}`, 'data-section': id },
    h('h2', null, title),
    ...content,
  );
}

function inputsTable(labels: readonly InputLabel[] | undefined): HTMLElement {
  const byInput = new Map((labels ?? []).map((l) => [l.input, l]));
  return h(
    'table',
    { class: 'assumptions-inputs' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [t('assumptions.input'), t('assumptions.kind'), t('assumptions.count'), t('assumptions.detail')].map(
          (x) => h('th', { scope: 'col' }, x),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      INPUTS.map((item) => {
        const label = byInput.get(item.input);
        const counts = label
          ? [
              label.synthetic
                ? t('inputs.item', {
                    name: t('inputs.synthetic'),
                    count: label.synthetic,
                    items: label.items,
                  })
                : '',
              label.estimated
                ? t('inputs.item', {
                    name: t('inputs.estimated'),
                    count: label.estimated,
                    items: label.items,
                  })
                : '',
            ]
              .filter(Boolean)
              .join(', ') || t('common.none')
          : '–';
        return h(
          'tr',
          { 'data-input': item.input },
          h('th', { scope: 'row' }, say(item.name)),
          h(
            'td',
            null,
            item.kinds.map((kind) =>
              h('span', { class: `badge kind-${kind}`, 'data-kind': kind }, say(INPUT_KIND_NAMES[kind])),
            ),
          ),
          h('td', { class: 'num' }, counts),
          h('td', null, say(item.detail)),
        );
      }),
    ),
  );
}

/** Sources named in the calibration figures, in English (the figures are copied from the docs). */
const SOURCE_NAMES_EN: ReadonlyArray<[string, string]> = [
  ['病院報告', 'Hospital Report'],
  ['宮城県', 'Miyagi'],
  ['消防庁', 'FDMA'],
];

/**
 * A calibration figure as copied from docs/calibration.md ("44.9 min (宮城県 2021)") in the
 * page's language: units in Japanese on a Japanese page, the source named in English on an
 * English one.
 */
export function figureText(text: string): string {
  if (lang() === 'ja') return text.replace(/(\d) min\b/g, '$1 分').replace(/(\d) d\b/g, '$1 日');
  return SOURCE_NAMES_EN.reduce((out, [ja, en]) => out.split(ja).join(en), text);
}

function calibrationTables(): Children[] {
  return [
    h(
      'p',
      { class: 'muted' },
      t('assumptions.calibrationSource', {
        document: CALIBRATION_SOURCE.document,
        command: CALIBRATION_SOURCE.command,
      }),
      ' ',
      lang() === 'ja' ? CALIBRATION_SOURCE.ja : CALIBRATION_SOURCE.en,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'calibration' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [
              t('assumptions.figure'),
              t('csv.kpi'),
              t('assumptions.target'),
              t('assumptions.before'),
              t('assumptions.after'),
              t('assumptions.residual'),
            ].map((x) => h('th', { scope: 'col' }, x)),
          ),
        ),
        h(
          'tbody',
          null,
          CALIBRATION_FIGURES.map((f) =>
            h(
              'tr',
              { 'data-kpi': f.kpi, class: f.tuned ? 'tuned' : 'untuned' },
              h('th', { scope: 'row' }, say(f.figure)),
              h('td', null, h('code', null, f.kpi)),
              h('td', null, figureText(f.target)),
              h('td', { class: 'num' }, figureText(f.before)),
              h('td', { class: 'num' }, h('strong', null, figureText(f.after))),
              h('td', null, say(f.residual)),
            ),
          ),
        ),
      ),
    ),
    h('h3', null, t('assumptions.byArea')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'calibration-areas' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('need.area')),
            BED_FUNCTION_ORDER.map((fn) => h('th', { scope: 'col' }, FUNCTION_NAMES[fn][lang()])),
          ),
        ),
        h(
          'tbody',
          null,
          AREA_OCCUPANCY.map((row) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, say(row.area)),
              BED_FUNCTION_ORDER.map((fn) => h('td', { class: 'num' }, `${row[fn]} %`)),
            ),
          ),
        ),
      ),
    ),
    h('h3', null, t('assumptions.residuals')),
    h(
      'ul',
      { class: 'residuals' },
      RESIDUALS.map((r) => h('li', null, say(r))),
    ),
  ];
}

/** The sections of the page (h2 and below), for a view or a report to place under its own h1. */
export function assumptionsSections(input: AssumptionsInput = {}): HTMLElement[] {
  const sources = Object.entries(input.sources ?? {});
  return [
    card(
      'sources',
      t('assumptions.sources'),
      h(
        'ul',
        { class: 'sources' },
        DATA_SOURCES.map((s) => h('li', null, say(s))),
      ),
      sources.length
        ? h(
            'details',
            { class: 'region-sources' },
            h('summary', null, t('assumptions.regionSources', { n: sources.length })),
            // quoted from the region's data files as written (not translated)
            h(
              'dl',
              { translate: 'no' },
              sources.map(([key, text]) => [h('dt', null, h('code', null, key)), h('dd', null, text)]),
            ),
          )
        : null,
    ),
    card(
      'inputs',
      t('assumptions.inputs'),
      h('p', null, t('assumptions.inputsIntro')),
      h('div', { class: 'table-wrap' }, inputsTable(input.inputs)),
    ),
    card(
      'model',
      t('assumptions.model'),
      h(
        'ul',
        null,
        MODEL_CHOICES.map((c) => h('li', null, say(c))),
      ),
    ),
    card('calibration', t('assumptions.calibration'), ...calibrationTables()),
    card(
      'limits',
      t('assumptions.limits'),
      h(
        'ul',
        { class: 'limits' },
        KNOWN_LIMITS.map((l) => h('li', null, say(l))),
      ),
    ),
  ];
}
