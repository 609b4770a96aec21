// The board's logic (pure): rows sorted by a KPI's difference or by vote points, each cell's
// relative change with its 95 % CI, and the vote's ranking as a participant picks it.
import type { BoardRow, KpiDifference } from '@caretwin/contracts';
import { formatPercent } from '../charts/format';
import type { Lang } from '../charts/labels';
import { formatDifference } from '../charts/difference-chart';
import { kpiUnit, UNIT_NAMES, type KpiUnit } from '../charts/kpi-labels';

/** '' keeps the order of acceptance; 'points' the vote; else a KPI key. */
export interface BoardSort {
  key: string;
  dir: 'asc' | 'desc';
}

export const UNSORTED: BoardSort = { key: '', dir: 'asc' };

/** A header click: the same column flips its direction; another starts with the most reduced (or most points) first. */
export function nextSort(current: BoardSort, key: string): BoardSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'points' ? 'desc' : 'asc' };
}

function sortValue(row: BoardRow, key: string): number | null {
  if (key === 'points') return row.points;
  const difference = row.comparison?.kpis[key];
  if (!difference) return null;
  // relative where the baseline is not 0, so columns of different sizes sort alike
  return difference.a !== 0 ? difference.difference / Math.abs(difference.a) : difference.difference;
}

/** Rows in the sort's order; rows without the value (runs not completed) stay last, in their order. */
export function sortBoardRows(rows: readonly BoardRow[], sort: BoardSort): BoardRow[] {
  if (!sort.key) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((x, y) => {
      if (x.value === null || y.value === null)
        return x.value === y.value ? x.index - y.index : x.value === null ? 1 : -1;
      return sign * (x.value - y.value) || x.index - y.index;
    })
    .map((x) => x.row);
}

export interface BoardCell {
  /** the change, relative to the baseline where it is not 0 ("−38.0%"), else in the KPI's unit */
  change: string;
  /** "95% CI −45.0% to −30.0%" */
  ci: string;
  /** the difference in the KPI's unit ("−12 日") */
  absolute: string;
}

const signed = (share: number, lang: Lang): string => {
  const text = formatPercent(Math.abs(share), lang, 1);
  // a change that rounds to zero is "±0.0%", never "−0.0%"
  const zero = !/[1-9]/.test(text);
  return `${zero ? '±' : share > 0 ? '+' : '−'}${text}`;
};

/** A board cell for a KPI's paired difference; the unit comes from the board (or the KPI catalogue). */
export function boardCell(difference: KpiDifference, unit: string, lang: Lang, key = ''): BoardCell {
  const kpi: KpiUnit = unit in UNIT_NAMES ? (unit as KpiUnit) : kpiUnit(key);
  const base = Math.abs(difference.a);
  const absolute = formatDifference(difference.difference, kpi, lang);
  const ciWord = lang === 'ja' ? '95%CI' : '95% CI';
  const to = lang === 'ja' ? '〜' : ' to ';
  if (base > 0)
    return {
      change: signed(difference.difference / base, lang),
      ci: `${ciWord} ${signed(difference.lo / base, lang)}${to}${signed(difference.hi / base, lang)}`,
      absolute,
    };
  return {
    change: absolute,
    ci: `${ciWord} ${formatDifference(difference.lo, kpi, lang)}${to}${formatDifference(difference.hi, kpi, lang)}`,
    absolute,
  };
}

/**
 * The vote as picked in three selects: the picks in order, blanks and repeats dropped, only
 * variants one may vote for (completed ones), at most three.
 */
export function rankingOf(picks: readonly string[], votable: readonly string[]): string[] {
  const allowed = new Set(votable);
  const ranking: string[] = [];
  for (const pick of picks) if (pick && allowed.has(pick) && !ranking.includes(pick)) ranking.push(pick);
  return ranking.slice(0, 3);
}
