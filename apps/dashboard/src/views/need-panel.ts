// The static need beside beds (and, after a run, the simulated census), with a switch between
// home-area (患者住所地) and treating-area (医療機関所在地) bases and a table of area totals.
// Used by the home view, the editor and the results view.
import type { Estimate, StaticNeed } from '@caretwin/contracts';
import type { Region } from '@caretwin/scenario';
import { areaTotals, needChart, shapeNeed, type NeedBasis } from '../charts/need-chart';
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
    const totals = areaTotals(rows);
    replace(
      table,
      h(
        'table',
        { class: 'totals' },
        h('caption', null, t('home.totals')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('need.area')),
            h('th', { scope: 'col' }, t('need.beds')),
            h('th', { scope: 'col' }, t('need.need')),
            h('th', { scope: 'col' }, t('need.gap')),
          ),
        ),
        h(
          'tbody',
          null,
          options.region.areas.map((area) => {
            const total = totals.get(area.id) ?? { beds: 0, need: 0, gap: 0 };
            return h(
              'tr',
              null,
              h('th', { scope: 'row' }, areaName(area.id)),
              h('td', { class: 'num' }, fmt.number(total.beds)),
              h('td', { class: 'num' }, fmt.number(total.need)),
              h(
                'td',
                { class: `num ${total.gap < 0 ? 'short' : ''}` },
                `${total.gap > 0 ? '+' : ''}${fmt.number(total.gap)}`,
              ),
            );
          }),
        ),
      ),
    );
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
