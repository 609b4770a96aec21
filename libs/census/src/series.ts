// Census rows → the daily series per area × function (GET /api/census, the Now view), and the
// reports missing for a date. A hospital that did not report is missing: it is left out of the
// sums and counted in `expected − reported`, never read as zero beds or zero patients.
import type {
  BedFunction,
  CensusRow,
  CensusSeriesPoint,
  MissingKey,
  MissingReport,
} from '@caretwin/contracts';
import { BED_FUNCTIONS } from '@caretwin/contracts';
import { expectedReporters, type CensusRegion } from './region';

const key = (...parts: string[]): string => parts.join('|');

/**
 * One point per date × area × function among `rows` (the rows of the dates wanted, one per
 * hospital × function × day), ascending by date, then the region's area order, then function.
 * `reported` counts the hospitals expected to report (beds of that function in the region) that
 * did; a report from a hospital the region gives no beds of the function adds its beds and
 * patients but is not expected, so it is never missing. Areas × functions with no report that
 * day but expected ones appear with reported 0 and beds / occupied null: missing, not zero.
 */
export function seriesPoints(
  region: CensusRegion,
  rows: readonly CensusRow[],
  options: { area?: string | null; dates?: readonly string[] } = {},
): CensusSeriesPoint[] {
  const expected = new Map<string, number>();
  for (const { hospital, function: f } of expectedReporters(region))
    expected.set(key(hospital.area, f), (expected.get(key(hospital.area, f)) ?? 0) + 1);
  const sums = new Map<string, CensusSeriesPoint>();
  const dates = new Set(options.dates ?? []);
  for (const row of rows) {
    if (options.area && row.area !== options.area) continue;
    dates.add(row.date);
    const k = key(row.date, row.area, row.function);
    const point = sums.get(k) ?? {
      date: row.date,
      area: row.area,
      function: row.function,
      beds: 0,
      occupied: 0,
      reported: 0,
      expected: expected.get(key(row.area, row.function)) ?? 0,
    };
    point.beds = (point.beds ?? 0) + row.beds;
    point.occupied = (point.occupied ?? 0) + row.occupied;
    if ((region.byId.get(row.hospital)?.beds[row.function] ?? 0) > 0) point.reported += 1;
    sums.set(k, point);
  }
  const areas = options.area ? [options.area] : region.areas;
  const points: CensusSeriesPoint[] = [];
  for (const date of [...dates].sort())
    for (const area of areas)
      for (const f of BED_FUNCTIONS) {
        const point = sums.get(key(date, area, f));
        const want = expected.get(key(area, f)) ?? 0;
        if (point) points.push(point);
        else if (want > 0)
          points.push({ date, area, function: f, beds: null, occupied: null, reported: 0, expected: want });
      }
  return points;
}

/**
 * The hospital × function pairs expected to report (beds in the region) with no report dated
 * `date` among `rowsOfDate`; `lastDates` gives each pair's last report date (`hospital|function`).
 */
export function missingReports(
  region: CensusRegion,
  date: string,
  rowsOfDate: readonly Pick<CensusRow, 'date' | 'hospital' | 'function'>[],
  lastDates: ReadonlyMap<string, string> = new Map(),
): MissingReport[] {
  const reported = new Set(rowsOfDate.filter((r) => r.date === date).map((r) => key(r.hospital, r.function)));
  return expectedReporters(region)
    .filter(({ hospital, function: f }) => !reported.has(key(hospital.id, f)))
    .map(({ hospital, function: f }) => ({
      hospital: hospital.id,
      institutionCode: hospital.institutionCode,
      area: hospital.area,
      function: f,
      lastDate: lastDates.get(key(hospital.id, f)) ?? null,
    }));
}

/** What a request changed in the missing list (`census.updated`): the change, not the list, once the day is known. */
export interface MissingChange {
  missing: MissingReport[];
  missingComplete: boolean;
  missingResolved: MissingKey[];
}

/**
 * The change a request's `rows` made to the missing reports, given the latest date held before
 * it (`asOfBefore`) and the missing list after it (`missingAfter`, for `asOfAfter`). A request
 * that moved the latest date starts a new day's list: the whole list. Otherwise a row of the
 * latest date resolves its hospital × function, and a late row of an earlier day can only move a
 * still-missing pair's `lastDate` (to its own date, when no later report is held): those pairs
 * are sent again. Nothing else can have changed.
 */
export function missingChange(
  asOfBefore: string | null,
  asOfAfter: string | null,
  missingAfter: readonly MissingReport[],
  rows: readonly Pick<CensusRow, 'date' | 'hospital' | 'function'>[],
): MissingChange {
  if (asOfAfter !== asOfBefore)
    return { missing: [...missingAfter], missingComplete: true, missingResolved: [] };
  // per pair, the request's latest row date: a still-missing pair whose last report is that date was moved by it
  const lastRow = new Map<string, string>();
  const resolved = new Map<string, MissingKey>();
  for (const r of rows) {
    const k = key(r.hospital, r.function);
    if ((lastRow.get(k) ?? '') < r.date) lastRow.set(k, r.date);
    if (r.date === asOfAfter) resolved.set(k, { hospital: r.hospital, function: r.function });
  }
  return {
    missing: missingAfter.filter(
      (m) => m.lastDate !== null && lastRow.get(key(m.hospital, m.function)) === m.lastDate,
    ),
    missingComplete: false,
    missingResolved: [...resolved.values()],
  };
}

/** A date is complete once every hospital × function with beds in the region has a report of it. */
export function isDayComplete(
  region: CensusRegion,
  date: string,
  rowsOfDate: readonly Pick<CensusRow, 'date' | 'hospital' | 'function'>[],
): boolean {
  return missingReports(region, date, rowsOfDate).length === 0;
}

/** A point's key (date × area × function), for callers that merge points by key. */
export const seriesKey = (
  point: Pick<CensusSeriesPoint, 'date' | 'area'> & { function: BedFunction },
): string => key(point.date, point.area, point.function);
