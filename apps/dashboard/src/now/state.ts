// The Now view's state (pure, no DOM): the latest report of every hospital × function, the
// missing ones, the area × function daily points of the last 60 days and the latest forecast.
// It starts from the `now.subscribe` snapshot (or the REST reads while the socket is away) and
// merges the channel's deltas by key, replacing: a `census.updated` carries only the rows, points
// and missing reports a report changed; an event whose seq is not newer than what is held is dropped.
import type {
  CensusLatest,
  CensusSeries,
  CensusSeriesPoint,
  CensusUpdatedEvent,
  Forecast,
  ForecastCompletedEvent,
  MissingReport,
  NowSnapshot,
  StoredCensusRow,
} from '@caretwin/contracts';

/** Days of history the view keeps and draws, today included. */
export const HISTORY_DAYS = 60;

export interface NowState {
  regionId: string;
  /** the channel's seq applied; null while only REST reads are held (no seq: nothing dropped) */
  seq: number | null;
  /** the latest report date held; null when nothing was ever reported */
  asOf: string | null;
  /** the last report per hospital × function (`reportKey`) */
  reports: Map<string, StoredCensusRow>;
  /** missing reports for `asOf` */
  missing: MissingReport[];
  /** area × function × day (`pointKey`) */
  points: Map<string, CensusSeriesPoint>;
  forecast: Forecast | null;
  /** events applied since the state was built (the view shows it in data-updates) */
  applied: number;
}

/** hospital × function: the key of a report and of a missing report */
export const reportKey = (row: Pick<StoredCensusRow, 'hospital' | 'function'>): string =>
  `${row.hospital}|${row.function}`;
export const pointKey = (point: Pick<CensusSeriesPoint, 'date' | 'area' | 'function'>): string =>
  `${point.date}|${point.area}|${point.function}`;

/** An ISO day `days` later (earlier when negative), in calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first day of the window that ends on `asOf`. */
export const windowStart = (asOf: string): string => addDays(asOf, -(HISTORY_DAYS - 1));

function trim(state: NowState): void {
  if (state.asOf === null) return;
  const start = windowStart(state.asOf);
  for (const [key, point] of state.points) if (point.date < start) state.points.delete(key);
}

export function stateFrom(
  latest: CensusLatest,
  series: CensusSeries | null,
  forecast: Forecast | null,
  seq: number | null,
): NowState {
  const state: NowState = {
    regionId: latest.regionId,
    seq,
    asOf: latest.asOf,
    reports: new Map(latest.reports.map((r) => [reportKey(r), r])),
    missing: [...latest.missing],
    points: new Map((series?.points ?? []).map((p) => [pointKey(p), p])),
    forecast,
    applied: 0,
  };
  trim(state);
  return state;
}

export const stateFromSnapshot = (snapshot: NowSnapshot): NowState =>
  stateFrom(snapshot.latest, snapshot.series, snapshot.forecast, snapshot.seq);

const stale = (state: NowState, seq: number): boolean => state.seq !== null && seq <= state.seq;

/**
 * Whether an event skips one the state never saw (the channel numbers every event it sends, one
 * counter for the deployment): the view then takes a new snapshot instead of merging past a hole.
 */
export const missedBefore = (state: NowState, seq: number): boolean =>
  state.seq !== null && seq > state.seq + 1;

/**
 * Whether the view needs a new snapshot before this event: it skips an event, or it changes the
 * missing list of a day other than the one held (a change is relative to the list it follows).
 */
export const censusNeedsSnapshot = (state: NowState, event: CensusUpdatedEvent): boolean =>
  missedBefore(state, event.seq) ||
  (!stale(state, event.seq) && !event.more && !event.missingComplete && event.asOf !== state.asOf);

/** Merges a report's delta; false when it was already applied (seq not newer). */
export function applyCensusUpdated(state: NowState, event: CensusUpdatedEvent): boolean {
  if (stale(state, event.seq)) return false;
  for (const row of event.rows) {
    const key = reportKey(row);
    const held = state.reports.get(key);
    // a late report of an earlier day is history, not the hospital's latest state
    if (!held || held.date <= row.date) state.reports.set(key, row);
  }
  for (const point of event.points) state.points.set(pointKey(point), point);
  // a part of a larger request: the date and the missing list's change come with its last event
  if (!event.more) {
    state.asOf = event.asOf;
    if (event.missingComplete) state.missing = [...event.missing];
    else {
      const drop = new Set([...event.missingResolved, ...event.missing].map(reportKey));
      state.missing = [...state.missing.filter((m) => !drop.has(reportKey(m))), ...event.missing];
    }
  }
  state.seq = event.seq;
  state.applied += 1;
  trim(state);
  return true;
}

/** A newer forecast replaces the one held (an older census date never does). */
export function applyForecastCompleted(state: NowState, event: ForecastCompletedEvent): boolean {
  if (stale(state, event.seq)) return false;
  const held = state.forecast;
  if (
    !held ||
    event.forecast.censusDate > held.censusDate ||
    (event.forecast.censusDate === held.censusDate && event.forecast.createdAt >= held.createdAt)
  )
    state.forecast = event.forecast;
  state.seq = event.seq;
  state.applied += 1;
  return true;
}

/** Whether the reports of the latest day are synthetic (the view then says so in a banner). */
export function latestSynthetic(state: NowState): boolean {
  const today = [...state.reports.values()].filter((r) => r.date === state.asOf);
  return today.some((r) => r.synthetic);
}
