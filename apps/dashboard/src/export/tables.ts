// The data behind each chart as a table for CSV: built from the same shaped data the chart
// draws (so the file and the picture agree), with ids beside the names so a spreadsheet can
// join tables, and the chart's labels (synthetic / estimated inputs, what the band is).
import type { Comparison, Estimate } from '@caretwin/contracts';
import type { DistributionRow } from '../charts/distribution-chart';
import { REGION_SCOPE, type FullDaysShape } from '../charts/full-days-chart';
import type { FlowShape } from '../charts/flow-chart';
import type { KpiCard } from '../charts/kpi-cards';
import { UNIT_NAMES } from '../charts/kpi-labels';
import type { NeedRow } from '../charts/need-chart';
import type { OccupancyPanel } from '../charts/occupancy-chart';
import type { RegionMapData } from '../charts/region-map';
import type { CsvCell, DataTable } from './csv';

/** What every table from one page shares: its title prefix and comment lines. */
export interface TableContext {
  /** e.g. "CareTwin — miyagi-2025-baseline, seed 1, 10 replications, run 01HX…" */
  heading: string;
  /** e.g. the synthetic / estimated inputs line */
  notes: string[];
}

const est = (e: Estimate | null | undefined): CsvCell[] =>
  e ? [e.n, e.mean, e.lo, e.hi] : [null, null, null, null];
const EST_COLUMNS = (name: string): string[] => [`${name}N`, `${name}Mean`, `${name}Lo`, `${name}Hi`];
const PLAIN_EST = ['n', 'mean', 'lo', 'hi'];

function table(
  context: TableContext,
  what: string,
  extraNotes: string[],
  columns: string[],
  rows: CsvCell[][],
): DataTable {
  return { title: `${context.heading} — ${what}`, notes: [...context.notes, ...extraNotes], columns, rows };
}

export function kpiTable(context: TableContext, cards: readonly KpiCard[]): DataTable {
  return table(
    context,
    'KPIs',
    [
      'mean over replications with its 95 % confidence interval (lo, hi); percent: a share 0–1; other units as named',
    ],
    ['kpi', 'label', 'unit', ...PLAIN_EST],
    cards.map((c) => [
      c.key,
      c.label,
      c.unit === 'percent' ? 'share' : UNIT_NAMES[c.unit].en,
      ...est(c.estimate),
    ]),
  );
}

export interface OccupancyTableOptions {
  what: string;
  /** what the band is, e.g. "95 % CI over replications" or "min–max of the replications so far" */
  band: string;
  xName: string;
  rowName: string;
  rowLabel?: (row: string) => string;
  columnLabel?: (column: string) => string;
}

export function occupancyTable(
  context: TableContext,
  panels: readonly OccupancyPanel[],
  options: OccupancyTableOptions,
): DataTable {
  const rowLabel = options.rowLabel ?? ((r: string) => r);
  const columnLabel = options.columnLabel ?? ((c: string) => c);
  const withN = panels.some((p) => p.points.some((q) => q.n !== undefined));
  const rows: CsvCell[][] = [];
  for (const panel of panels)
    for (const point of panel.points)
      rows.push([
        panel.row,
        rowLabel(panel.row),
        panel.column,
        columnLabel(panel.column),
        point.x,
        point.mean,
        point.lo,
        point.hi,
        ...(withN ? [point.n ?? null] : []),
      ]);
  return table(
    context,
    options.what,
    [`utilisation = beds in use ÷ beds (0–1); band: ${options.band}`],
    [
      options.rowName,
      `${options.rowName}Name`,
      'function',
      'functionName',
      options.xName,
      'utilisationMean',
      'utilisationLo',
      'utilisationHi',
      ...(withN ? ['replications'] : []),
    ],
    rows,
  );
}

export function flowTable(
  context: TableContext,
  shape: FlowShape,
  areaLabel: (area: string) => string = (a) => a,
): DataTable {
  return table(
    context,
    'flows between areas (home area → treating area) and self-sufficiency',
    [
      'admissions after warm-up, mean per replication; treatedIn:<area> columns are the home area × treating area matrix (diagonal 0: treated at home is `selfTreated`); 自己完結率 = selfTreated ÷ residents',
    ],
    [
      'homeArea',
      'homeAreaName',
      'residents',
      'selfTreated',
      'outflow',
      'inflow',
      'leftRegion',
      ...EST_COLUMNS('selfSufficiency'),
      ...shape.areas.map((a) => `treatedIn:${a}`),
    ],
    shape.rows.map((r, i) => [
      r.area,
      areaLabel(r.area),
      r.residents,
      r.selfTreated,
      r.outflow,
      r.inflow,
      r.leftRegion,
      ...est(r.selfSufficiency),
      ...(shape.between[i] ?? []),
    ]),
  );
}

export function mapTable(context: TableContext, data: RegionMapData): DataTable {
  const area = new Map(data.areas.map((a) => [a.id, a.name]));
  return table(
    context,
    'region map: municipalities (cells) and hospitals (circles)',
    [
      'utilisation: mean beds in use ÷ beds over the horizon (empty before a run); beds: all functions, after the levers',
    ],
    ['kind', 'id', 'name', 'area', 'areaName', 'lat', 'lng', 'beds', 'utilisation', 'synthetic'],
    [
      ...data.municipalities.map((m) => [
        'municipality',
        m.id,
        m.name,
        m.area,
        area.get(m.area) ?? m.area,
        m.lat,
        m.lng,
        null,
        null,
        null,
      ]),
      ...data.hospitals.map((x) => [
        'hospital',
        x.id,
        x.name,
        x.area,
        area.get(x.area) ?? x.area,
        x.lat,
        x.lng,
        x.beds,
        x.utilisation,
        x.synthetic,
      ]),
    ],
  );
}

export function needTable(
  context: TableContext,
  rows: readonly NeedRow[],
  basis: string,
  areaLabel: (area: string) => string = (a) => a,
): DataTable {
  return table(
    context,
    `static bed need and simulated census (${basis})`,
    [
      'need = static expected census ÷ MHLW target occupancy (地域医療構想); gap = beds − need (negative: short 不足, positive: over 過剰); simulated: mean beds in use with its 95 % CI',
    ],
    ['area', 'areaName', 'function', 'beds', 'need', 'gap', 'staticCensus', ...EST_COLUMNS('simulated')],
    rows.map((r) => [
      r.area,
      areaLabel(r.area),
      r.function,
      r.beds,
      r.need,
      r.gap,
      r.staticCensus,
      ...est(r.simulated),
    ]),
  );
}

export function fullDaysTable(
  context: TableContext,
  shape: FullDaysShape,
  areaLabel: (area: string) => string = (a) => a,
): DataTable {
  const rows: CsvCell[][] = [];
  for (const row of shape.rows)
    for (const cell of row.cells)
      rows.push([
        row.scope,
        row.scope === REGION_SCOPE ? 'whole region' : areaLabel(row.scope),
        cell.function,
        ...est(cell.days),
        cell.share,
      ]);
  return table(
    context,
    'days over 95 % full by area and function',
    [
      `days whose mean utilisation exceeded 95 % (daysOver95.<area>.<function>), mean over replications with its 95 % CI; share = days ÷ ${shape.horizonDays} horizon days; empty: no beds of the function`,
    ],
    ['area', 'areaName', 'function', ...EST_COLUMNS('days'), 'shareOfHorizon'],
    rows,
  );
}

export function distributionTable(
  context: TableContext,
  what: string,
  rows: readonly DistributionRow[],
): DataTable {
  const replications = Math.max(0, ...rows.map((r) => r.values.length));
  return table(
    context,
    what,
    [
      'minutes; mean over replications with its 95 % CI; p50/p90 within replications, averaged; replication columns hold each replication’s mean',
    ],
    [
      'measure',
      'label',
      ...PLAIN_EST,
      'p50',
      'p90',
      'thresholdMinutes',
      ...EST_COLUMNS('withinThreshold'),
      ...Array.from({ length: replications }, (_, i) => `replication${i}`),
    ],
    rows.map((r) => [
      r.key,
      r.label,
      ...est(r.estimate),
      r.p50,
      r.p90,
      r.threshold,
      ...est(r.withinShare),
      ...Array.from({ length: replications }, (_, i) => r.values[i] ?? null),
    ]),
  );
}

export function differenceTable(
  context: TableContext,
  comparison: Comparison,
  label: (kpi: string) => string = (k) => k,
): DataTable {
  return table(
    context,
    `differences b − a (${comparison.method})`,
    [
      comparison.note,
      `a: ${comparison.a.scenarioId} (seed ${comparison.a.seed}, ${comparison.a.replications} replications); b: ${comparison.b.scenarioId} (seed ${comparison.b.seed}, ${comparison.b.replications} replications)`,
    ],
    ['kpi', 'label', 'a', 'b', 'difference', 'halfWidth', 'lo', 'hi', 'significant', 'method'],
    Object.keys(comparison.kpis)
      .sort()
      .map((k) => {
        const d = comparison.kpis[k];
        return [
          k,
          label(k),
          d.a,
          d.b,
          d.difference,
          d.halfWidth,
          d.lo,
          d.hi,
          d.significant,
          comparison.method,
        ];
      }),
  );
}
