// The static need (必要病床数) beside beds (and, after a run, the simulated census), with a
// switch between home-area (患者住所地) and treating-area (医療機関所在地) bases, and a table
// per area × function of beds, need and the difference written out as 不足 (short) / 過剰
// (over), with each area's total. Used by the home view, the editor and the results view.
import type { Estimate, StaticNeed } from '@caretwin/contracts';
import { formatKpi } from '../charts/kpi-cards';
import type { Region } from '@caretwin/scenario';
import { FUNCTION_NAMES } from '../charts/labels';
import {
  areaTotals,
  gapKind,
  gapText,
  needChart,
  shapeNeed,
  type NeedBasis,
  type NeedRow,
} from '../charts/need-chart';
import { needTable } from '../export/tables';
import { withExports } from '../export/toolbar';
import { fmt, lang, t } from '../i18n';
import { h, replace } from '../ui/dom';
import { chartSlot } from '../ui/widgets';
import { areaNamer } from './region-labels';

export interface NeedPanelOptions {
  region: Pick<Region, 'areas'>;
  staticNeed: StaticNeed;
  kpis?: Readonly<Record<string, Estimate>>;
  footnote?: string;
  /** unique per page (radio group name, pattern ids) */
  id: string;
  /** drawn width of the chart (default 920) and area panels per row (default 2) */
  width?: number;
  columns?: number;
}

/** Beds, need and short / over per area × function, each area closed by its total row. */
export function needTableElement(
  rows: readonly NeedRow[],
  areas: ReadonlyArray<{ id: string }>,
  areaName: (id: string) => string,
  withSimulated: boolean,
): HTMLElement {
  const totals = areaTotals(rows);
  const gapCell = (gap: number): HTMLElement =>
    h('td', { class: `num gap ${gapKind(gap)}`, 'data-gap': Math.round(gap) }, gapText(gap, lang()));
  const simulatedCell = (e: Estimate | null): HTMLElement | null =>
    withSimulated
      ? h(
          'td',
          { class: 'num' },
          e ? formatKpi(e.mean, 'beds', lang()) : '–',
          e && e.n >= 2
            ? h('span', { class: 'muted small' }, ` ±${fmt.number(e.halfWidth, e.halfWidth >= 10 ? 0 : 1)}`)
            : null,
        )
      : null;
  return h(
    'table',
    { class: 'totals need-table' },
    h('caption', null, t('home.totals')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('need.area')),
        h('th', { scope: 'col' }, t('need.function')),
        h('th', { scope: 'col' }, t('need.beds')),
        h('th', { scope: 'col' }, t('need.need')),
        h('th', { scope: 'col' }, t('need.gap')),
        withSimulated ? h('th', { scope: 'col' }, t('need.simulated')) : null,
      ),
    ),
    areas.map((area) => {
      const own = rows.filter((r) => r.area === area.id);
      const total = totals.get(area.id) ?? { beds: 0, need: 0, gap: 0 };
      const simulated = own.reduce((s, r) => s + (r.simulated?.mean ?? 0), 0);
      return h(
        'tbody',
        { 'data-area': area.id },
        own.map((row, i) =>
          h(
            'tr',
            { 'data-function': row.function },
            i === 0 ? h('th', { scope: 'rowgroup', rowspan: own.length + 1 }, areaName(area.id)) : null,
            h('th', { scope: 'row' }, FUNCTION_NAMES[row.function][lang()]),
            h('td', { class: 'num' }, fmt.number(row.beds)),
            h('td', { class: 'num' }, fmt.number(row.need)),
            gapCell(row.gap),
            simulatedCell(row.simulated),
          ),
        ),
        h(
          'tr',
          { class: 'total', 'data-function': 'total' },
          own.length === 0 ? h('th', { scope: 'rowgroup' }, areaName(area.id)) : null,
          h('th', { scope: 'row' }, t('need.total')),
          h('td', { class: 'num' }, fmt.number(total.beds)),
          h('td', { class: 'num' }, fmt.number(total.need)),
          gapCell(total.gap),
          withSimulated
            ? h(
                'td',
                { class: 'num' },
                own.some((r) => r.simulated) ? formatKpi(simulated, 'beds', lang()) : '–',
              )
            : null,
        ),
      );
    }),
  );
}

export function needPanel(options: NeedPanelOptions): HTMLElement {
  let basis: NeedBasis = 'home';
  const slot = chartSlot('need');
  const table = h('div', { class: 'table-wrap' });
  const areaName = areaNamer(options.region);
  const draw = (): void => {
    const rows = shapeNeed(options.staticNeed, basis, options.kpis);
    slot.replaceChildren(
      needChart(rows, {
        lang: lang(),
        width: options.width,
        columns: options.columns,
        areas: options.region.areas.map((a) => a.id),
        areaLabel: areaName,
        footnote: options.footnote,
        idPrefix: `${options.id}-${basis}`,
      }),
    );
    replace(table, needTableElement(rows, options.region.areas, areaName, options.kpis !== undefined));
  };
  const radio = (value: NeedBasis, label: string): HTMLElement =>
    h(
      'label',
      null,
      h('input', {
        type: 'radio',
        name: `${options.id}-basis`,
        value,
        checked: basis === value,
        onchange: () => {
          basis = value;
          draw();
        },
      }),
      ` ${label}`,
    );
  draw();
  // the CSV holds the basis on screen (home or treating area), like the PNG and SVG
  const exportable = withExports(slot, ['need', options.id], () =>
    needTable(
      { heading: `CareTwin — ${options.id}`, notes: options.footnote ? [options.footnote] : [] },
      shapeNeed(options.staticNeed, basis, options.kpis),
      basis === 'home' ? 'home area 患者住所地' : 'treating area 医療機関所在地',
      areaName,
    ),
  );
  return h(
    'div',
    { class: 'need-panel' },
    h(
      'fieldset',
      { class: 'inline' },
      h('legend', null, t('need.basis')),
      radio('home', t('need.basis.home')),
      radio('treating', t('need.basis.treating')),
    ),
    exportable,
    table,
  );
}
