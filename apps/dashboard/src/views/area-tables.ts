// Results by 二次医療圏 (issue 16) as tables a planner reads: the local KPIs one row per area,
// where residents were admitted (per year, not only on hover), and b − a of the local KPIs by
// area. Shared by the results and compare views and the standalone report; each table has a CSV
// download of the same figures (ids beside the names so a spreadsheet can join them).
import {
  AREA_COLUMNS,
  areaKpiKeys,
  areaRows,
  flowPerYear,
  patientsPerDay,
  practicallySignificant,
  type AreaColumn,
  type Comparison,
  type Estimate,
  type FlowMatrix,
} from '@caretwin/contracts';
import { formatDifference } from '../charts/difference-chart';
import { formatNumber, formatPercent } from '../charts/format';
import type { KpiDefinition } from '../charts/kpi-catalogue';
import { describeKpi, type KpiNames, type KpiUnit } from '../charts/kpi-labels';
import { csvBlob, type CsvCell, type DataTable } from '../export/csv';
import { downloadBlob, fileName } from '../export/download';
import { lang, t, type MessageKey } from '../i18n';
import { h } from '../ui/dom';
import './compare.css';
import './area-tables.css';

/** A column's header in the page's language with its unit; † marks a treating-area figure. */
export function areaColumnName(column: AreaColumn): string {
  const name = t(`area.col.${column.id}` as MessageKey);
  return column.basis === 'treating' ? `${name} †` : name;
}

const UNIT_OF: Record<AreaColumn['kind'], KpiUnit> = {
  minutes: 'minutes',
  share: 'percent',
  count: 'patients',
  patientDays: 'patientDays',
};

/** A value as a by-area cell reads: the unit is in the header, so the number alone. */
export function areaValue(column: AreaColumn, value: number): string {
  switch (column.kind) {
    case 'share':
      return formatPercent(value, lang(), 1);
    case 'minutes':
      return formatNumber(value, lang(), 1);
    default:
      return formatNumber(value, lang(), Math.abs(value) >= 10 || value === 0 ? 0 : 1);
  }
}

/** "≈ 1日 3.4 人" / "≈ 3.4 patients a day" */
export function perDayText(patientDays: number, days: number): string {
  const n = patientsPerDay(patientDays, days);
  return t('area.perDay', { n: formatNumber(n, lang(), n >= 10 ? 0 : 1) });
}

function csvButton(table: () => DataTable, parts: ReadonlyArray<string | undefined>): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'link csv-table',
      'data-export': 'csv',
      onclick: () => downloadBlob(csvBlob(table()), fileName(parts, 'csv')),
    },
    'CSV',
  );
}

export interface AreaTableOptions {
  areas: readonly string[];
  areaName: (id: string) => string;
  horizonDays: number;
  /** the area filter (null: every area) */
  area: string | null;
  /** CSV file name parts, e.g. ["results", runId, "areas"] */
  fileParts: ReadonlyArray<string | undefined>;
  /** CSV comment lines (scenario, inputs) */
  notes: string[];
}

/** The local KPIs, one row per area (mean; bed blocking also as ≈ patients a day). */
export function areaTableElement(
  kpis: Readonly<Record<string, Estimate>>,
  options: AreaTableOptions,
): HTMLElement {
  const rows = areaRows(kpis, options.areas, options.horizonDays, options.area);
  const csv = (): DataTable => ({
    title: `${t('area.tableTitle')}`,
    notes: [...options.notes, t('area.basisNote')],
    columns: [
      'area',
      'areaName',
      ...AREA_COLUMNS.flatMap((c) => [`${c.id}Mean`, `${c.id}Lo`, `${c.id}Hi`]),
      'bedBlockingPerDay',
    ],
    rows: rows.map((r): CsvCell[] => [
      r.area,
      options.areaName(r.area),
      ...r.cells.flatMap((c) =>
        c.estimate ? [c.estimate.mean, c.estimate.lo, c.estimate.hi] : [null, null, null],
      ),
      r.cells.find((c) => c.perDay !== null)?.perDay ?? null,
    ]),
  });
  return areaTableShell(
    'areas',
    t('area.tableTitle'),
    csvButton(csv, options.fileParts),
    rows.map((r) =>
      h(
        'tr',
        { 'data-area': r.area },
        h('th', { scope: 'row' }, options.areaName(r.area)),
        r.cells.map((c) =>
          h(
            'td',
            {
              // an area near full shows even when the prefecture's mean does not (issue 16)
              class: c.column.id === 'occupancy' && (c.estimate?.mean ?? 0) >= 0.95 ? 'num over-95' : 'num',
              'data-column': c.column.id,
              'data-kpi': c.key,
            },
            c.estimate ? areaValue(c.column, c.estimate.mean) : '–',
            c.perDay !== null && c.estimate
              ? h(
                  'span',
                  { class: 'per-day muted small' },
                  ` (${perDayText(c.estimate.mean, options.horizonDays)})`,
                )
              : null,
          ),
        ),
      ),
    ),
    t('area.basisNote'),
  );
}

/** Residents of A admitted in B per year (rows: home area, columns: treating area, then left the region). */
export function flowTableElement(
  flow: Pick<FlowMatrix, 'areas' | 'admissions' | 'leftRegion'>,
  options: AreaTableOptions,
): HTMLElement {
  const perYear = flowPerYear(flow, options.horizonDays);
  const rowIndices = perYear.areas
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => options.area === null || a === options.area);
  const total = (i: number): number =>
    perYear.perYear[i].reduce((s, x) => s + x, 0) + perYear.leftRegionPerYear[i];
  const csv = (): DataTable => ({
    title: t('area.flowTitle'),
    notes: [...options.notes, t('area.flowPerYearNote', { days: options.horizonDays })],
    columns: [
      'homeArea',
      'homeAreaName',
      ...perYear.areas.map((a) => `treatedIn:${a}`),
      'leftRegion',
      'total',
    ],
    rows: rowIndices.map(({ a, i }) => [
      a,
      options.areaName(a),
      ...perYear.perYear[i],
      perYear.leftRegionPerYear[i],
      total(i),
    ]),
  });
  const n = (x: number): string => formatNumber(x, lang(), 0);
  return h(
    'div',
    { class: 'table-wrap flow-table', 'data-table': 'flows' },
    h(
      'table',
      { class: 'differences flows' },
      h(
        'caption',
        null,
        t('area.flowTitle'),
        ' ',
        csvButton(csv, [...options.fileParts.slice(0, -1), 'flows']),
      ),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('area.flowHome')),
          perYear.areas.map((a) => h('th', { scope: 'col', 'data-treating': a }, options.areaName(a))),
          h('th', { scope: 'col' }, t('area.flowLeft')),
          h('th', { scope: 'col' }, t('area.flowTotal')),
        ),
      ),
      h(
        'tbody',
        null,
        rowIndices.map(({ a, i }) =>
          h(
            'tr',
            { 'data-home': a },
            h('th', { scope: 'row' }, options.areaName(a)),
            perYear.perYear[i].map((x, j) =>
              h('td', { class: i === j ? 'num own-area' : 'num', 'data-treating': perYear.areas[j] }, n(x)),
            ),
            h('td', { class: 'num' }, n(perYear.leftRegionPerYear[i])),
            h('td', { class: 'num' }, n(total(i))),
          ),
        ),
      ),
    ),
  );
}

/** KPI definitions of one area's local KPIs (for the KPI cards when the filter selects an area). */
export function areaKpiDefinitions(area: string, names: KpiNames): KpiDefinition[] {
  return areaKpiKeys([area]).flatMap((key) => {
    const d = describeKpi(key, names);
    return d ? [{ key, unit: d.unit, label: d.label }] : [];
  });
}

/** b − a of the local KPIs, one row per area; * marks a practically significant difference. */
export function areaDifferenceTableElement(
  comparison: Comparison,
  options: Omit<AreaTableOptions, 'horizonDays'>,
): HTMLElement {
  const areas = options.areas.filter((a) => options.area === null || a === options.area);
  const csv = (): DataTable => ({
    title: t('area.differencesTitle'),
    notes: [...options.notes, comparison.note, t('compare.thresholdNote')],
    columns: [
      'area',
      'areaName',
      'column',
      'kpi',
      'a',
      'b',
      'difference',
      'lo',
      'hi',
      'threshold',
      'significant',
    ],
    rows: areas.flatMap((area) =>
      AREA_COLUMNS.flatMap((c): CsvCell[][] => {
        const key = c.key(area);
        const d = comparison.kpis[key];
        if (!d) return [];
        return [
          [
            area,
            options.areaName(area),
            c.id,
            key,
            d.a,
            d.b,
            d.difference,
            d.lo,
            d.hi,
            d.threshold ?? null,
            practicallySignificant(key, d),
          ],
        ];
      }),
    ),
  });
  return areaTableShell(
    'area-differences',
    t('area.differencesTitle'),
    csvButton(csv, options.fileParts),
    areas.map((area) =>
      h(
        'tr',
        { 'data-area': area },
        h('th', { scope: 'row' }, options.areaName(area)),
        AREA_COLUMNS.map((c) => {
          const key = c.key(area);
          const d = comparison.kpis[key];
          if (!d) return h('td', { class: 'num', 'data-column': c.id }, '–');
          const practical = practicallySignificant(key, d);
          return h(
            'td',
            {
              class: practical ? 'num significant' : 'num',
              'data-column': c.id,
              'data-kpi': key,
              'data-significant': String(practical),
            },
            `${formatDifference(d.difference, UNIT_OF[c.kind], lang(), false)}${practical ? ' *' : ''}`,
          );
        }),
      ),
    ),
    `${t('area.differencesNote')} ${t('area.basisNote')}`,
  );
}

/** The frame both area tables share: caption with its CSV button, one column per local KPI, a note. */
function areaTableShell(
  kind: string,
  title: string,
  csv: HTMLElement,
  rows: HTMLElement[],
  note: string,
): HTMLElement {
  return h(
    'div',
    { class: 'area-table', 'data-table': kind },
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'differences by-area' },
        h('caption', null, title, ' ', csv),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('area.area')),
            AREA_COLUMNS.map((c) => h('th', { scope: 'col', 'data-column': c.id }, areaColumnName(c))),
          ),
        ),
        h('tbody', null, rows),
      ),
    ),
    h('p', { class: 'muted small' }, note),
  );
}

/** Bed-blocking cards (patient-days) with "≈ N patients a day" beside the value. */
export function withPerDay<C extends { unit: KpiUnit; estimate: Estimate; note?: string }>(
  cards: readonly C[],
  horizonDays: number,
): C[] {
  return cards.map((c) =>
    c.unit === 'patientDays' ? { ...c, note: perDayText(c.estimate.mean, horizonDays) } : c,
  );
}
