// The tables `caretwin run --areas` and `caretwin compare --areas` print (issue 16): the local
// KPIs one row per 二次医療圏 (libs/contracts areas.ts: the columns the dashboard, the report
// and areas.csv show), means for a run and b − a for a comparison, * on differences that are
// significant and reach their practical threshold. `--area <id>` keeps one area.
import {
  AREA_COLUMNS,
  areaRows,
  practicallySignificant,
  type AggregateResult,
  type AreaColumn,
  type Comparison,
} from '@caretwin/contracts';
import { renderTable } from './table';

/** Short column heads with units; † marks a figure by treating area (where the hospital is). */
const HEADS: Record<string, string> = {
  callToScene: 'call→scene min',
  callToHospital: 'call→hosp. min',
  difficultTransports: 'difficult',
  inquiriesRefused: 'refused %',
  walkInsRedirected: 'walk-ins redir.',
  admissions: 'admitted',
  overflow: 'overflow †',
  leftRegion: 'left region',
  bedBlocking: 'blocking pt-days †',
  occupancy: 'gen. occ. % †',
  outflow: 'outflow %',
};

const head = (c: AreaColumn): string => HEADS[c.id] ?? c.id;

function value(c: AreaColumn, x: number, signed = false): string {
  if (!Number.isFinite(x)) return '–';
  const text =
    c.kind === 'share'
      ? (100 * Math.abs(x)).toFixed(1)
      : c.kind === 'minutes'
        ? Math.abs(x).toFixed(1)
        : Math.round(Math.abs(x)).toLocaleString('en-US');
  if (!signed) return x < 0 ? `-${text}` : text;
  return x > 0 ? `+${text}` : x < 0 ? `−${text}` : text;
}

function chosen(areas: readonly string[], only: string | undefined): string[] {
  return only === undefined ? [...areas] : areas.filter((a) => a === only);
}

/** The line said instead of a table when --area names no area of the region. */
const unknownArea = (area: string, areas: readonly string[]): string[] => [
  `--area ${area}: no such area (the region has ${areas.join(', ')})`,
];

const NOTE =
  '† by treating area (where the hospital is); the rest by home area (where patients live). Bed blocking in patient-days, ≈ patients a day in brackets.';

export function areasTable(aggregate: AggregateResult, options: { area?: string } = {}): string[] {
  const areas = chosen(aggregate.flow.areas, options.area);
  if (areas.length === 0 && options.area) return unknownArea(options.area, aggregate.flow.areas);
  const rows = areaRows(aggregate.kpis, areas, aggregate.horizonDays).map((r) => [
    r.area,
    ...r.cells.map((cell) => {
      if (!cell.estimate) return '–';
      const text = value(cell.column, cell.estimate.mean);
      return cell.perDay !== null ? `${text} (≈${cell.perDay.toFixed(1)}/day)` : text;
    }),
  ]);
  return [
    `Local KPIs by area (mean of ${aggregate.replications} replication${aggregate.replications === 1 ? '' : 's'})`,
    ...renderTable(['area', ...AREA_COLUMNS.map(head)], rows),
    NOTE,
  ];
}

export function areaDifferencesTable(
  comparison: Comparison,
  areas: readonly string[],
  options: { area?: string } = {},
): string[] {
  const shown = chosen(areas, options.area);
  if (shown.length === 0 && options.area) return unknownArea(options.area, areas);
  const rows = shown.map((area) => [
    area,
    ...AREA_COLUMNS.map((c) => {
      const key = c.key(area);
      const d = comparison.kpis[key];
      if (!d) return '–';
      return `${value(c, d.difference, true)}${practicallySignificant(key, d) ? '*' : ''}`;
    }),
  ]);
  return [
    'Local KPIs by area: b − a (shares in percentage points)',
    ...renderTable(['area', ...AREA_COLUMNS.map(head)], rows),
    `* significant: the 95 % CI excludes 0 and the difference reaches its practical threshold (min 1.0, shares 1 pt, counts 5 % of a). ${NOTE}`,
  ];
}
