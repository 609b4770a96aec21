// The live census twin (docs/forecasting.md, apps/api/README.md "Census"): daily bed reports in,
// per area × function forecasts out. One shape for the api, the worker, the CLI (feed,
// backtest), the dashboard's Now view and the tests. Dates are ISO days (YYYY-MM-DD) in
// Japan time; a report's date is the day whose midnight census it gives.
import type { Ack } from './socket';
import type { BedFunction } from './domain';

/**
 * One hospital × bed function × day, as reported (FHIR SANER measure codes in the CSV header:
 * numbeds, numBedsOcc, numICUBeds, numICUBedsOcc, numVent, numVentUse; admissions, discharges).
 * Optional figures are null when not reported, never 0.
 */
export interface CensusRow {
  date: string;
  /** the region's hospital id */
  hospital: string;
  /** 10-digit 医療機関コード (JP Core), the hospital's identifier in reports */
  institutionCode: string;
  area: string;
  function: BedFunction;
  /** numbeds: beds of this function staffed that day */
  beds: number;
  /** numBedsOcc: beds occupied at midnight (在院患者数) */
  occupied: number;
  icuBeds: number | null;
  icuOccupied: number | null;
  vents: number | null;
  ventsInUse: number | null;
  /** 新入院 that day */
  admissions: number | null;
  /** 退院 that day */
  discharges: number | null;
}

/** A stored row: when it arrived and from whom (the token's name, or 'open'). */
export interface StoredCensusRow extends CensusRow {
  receivedAt: string;
  reporter: string;
  /** posted as synthetic (`?synthetic=true`, or a FHIR meta.tag HTEST): `caretwin feed`, tests */
  synthetic: boolean;
}

/** `POST /api/census` → 200. */
export interface CensusAccepted {
  /** the report dates the request touched, ascending */
  dates: string[];
  /** rows stored */
  stored: number;
  /** of which replaced an earlier report of the same hospital × function × day */
  replaced: number;
}

/** A hospital × function expected to report (it has beds of that function) whose report is absent. */
export interface MissingReport {
  hospital: string;
  institutionCode: string;
  area: string;
  function: BedFunction;
  /** the date of its last report of any day, or null when it never reported */
  lastDate: string | null;
}

/** A hospital × function, the key of a missing report. */
export type MissingKey = Pick<MissingReport, 'hospital' | 'function'>;

/** `GET /api/census/latest`: per hospital × function the last report; missing ones for `asOf`. */
export interface CensusLatest {
  regionId: string;
  /** the latest report date held, or null when nothing was ever reported */
  asOf: string | null;
  /** the last report of every hospital × function that ever reported */
  reports: StoredCensusRow[];
  /** hospital × function with no report for `asOf` (shown as missing, never as zero) */
  missing: MissingReport[];
}

/** One area × function × day, summed over the hospitals that reported that day. */
export interface CensusSeriesPoint {
  date: string;
  area: string;
  function: BedFunction;
  /** summed over the reports of the day; null when none of the area's hospitals reported (missing, never zero) */
  beds: number | null;
  occupied: number | null;
  /** hospitals with beds of this function that reported that day */
  reported: number;
  /** hospitals with beds of this function in the area */
  expected: number;
}

/** `GET /api/census?from=&to=&area=`: daily series, ascending by date. */
export interface CensusSeries {
  regionId: string;
  from: string;
  to: string;
  area: string | null;
  points: CensusSeriesPoint[];
}

/** One horizon of a forecast: beds occupied at that day's midnight, over the forecast's replications. */
export interface ForecastPoint {
  /** 1–14: days after the census date */
  horizon: number;
  date: string;
  mean: number;
  /** 80 % prediction interval */
  p10: number;
  p90: number;
  /** 95 % prediction interval */
  p2_5: number;
  p97_5: number;
  /** beds of the function in the area on that day (the census's beds; policies do not change them) */
  beds: number;
}

export interface ForecastSeries {
  area: string;
  function: BedFunction;
  points: ForecastPoint[];
}

export const FORECAST_HORIZON_DAYS = 14;

/** A forecast from one census date (`GET /api/forecasts/latest?area=` answers the latest). */
export interface Forecast {
  id: string;
  regionId: string;
  /** the scenario whose model (demand, pathways, transport) carries the census forward */
  scenarioId: string;
  /** the census it started from */
  censusDate: string;
  createdAt: string;
  replications: number;
  seed: number;
  /** how the start state was built (residual stays, missing hospitals), in one sentence */
  method: string;
  series: ForecastSeries[];
}

/** 202 of POST /api/forecasts. */
export interface ForecastAccepted {
  id: string;
  censusDate: string;
  /** false when a forecast of that census date was already queued or running (its id is answered) */
  queued: boolean;
}

/** The Now view's whole state, sent in the `now.subscribe` acknowledgement. */
export interface NowSnapshot {
  /** the channel's sequence number: events with seq ≤ this are already in the snapshot */
  seq: number;
  latest: CensusLatest;
  /** the last 60 days of `GET /api/census` (every area) */
  series: CensusSeries;
  forecast: Forecast | null;
}

/** A report arrived: only what it changed (the client merges by key, replacing). */
export interface CensusUpdatedEvent {
  seq: number;
  /**
   * the rows stored by this request — or a part of them: a request of many rows (a region's whole
   * day) is sent as consecutive events of at most 64 rows each, `more` on all but the last, which
   * alone carries the points, `asOf` and the missing reports' change (earlier ones: none of them)
   */
  rows: StoredCensusRow[];
  /** the area × function × day points those rows changed, recomputed */
  points: CensusSeriesPoint[];
  /** the latest date held after the request */
  asOf: string | null;
  /**
   * missing reports for `asOf` after the request (one entry per absent hospital × function): the
   * whole list when `missingComplete` (the request moved `asOf`: a new day, mostly unreported);
   * otherwise only the hospital × function the request touched that are still missing (a late
   * report of an earlier day moves their `lastDate`), to replace by key
   */
  missing: MissingReport[];
  /** `missing` is the whole list for `asOf` (replace the list), not a change to it */
  missingComplete: boolean;
  /** hospital × function the request reported for `asOf`: no longer missing (remove by key) */
  missingResolved: MissingKey[];
  /** true when further events of the same request follow (apply the rows; keep `asOf` and `missing`) */
  more?: boolean;
  at: number;
}

export interface ForecastCompletedEvent {
  seq: number;
  forecast: Forecast;
  at: number;
}

export const NOW_EVENT_NAMES = ['census.updated', 'forecast.completed'] as const;

export interface NowServerToClientEvents {
  'census.updated': (event: CensusUpdatedEvent) => void;
  'forecast.completed': (event: ForecastCompletedEvent) => void;
}

export interface NowClientToServerEvents {
  'now.subscribe': (payload: Record<string, never>, ack: (reply: Ack<NowSnapshot>) => void) => void;
  'now.unsubscribe': (
    payload: Record<string, never>,
    ack: (reply: Ack<Record<string, never>>) => void,
  ) => void;
}
