// What the Now view reads off the state (pure): per area × function the occupancy of each day of
// the window (beds occupied ÷ beds of the hospitals that reported; a day without any report is
// a gap, never 0), today's figure, and the alerts by plain rules:
// - 満床警報 (critical): occupancy above 95 % on the last two days running;
// - 高稼働 (warning): above 90 % today;
// - 予測 (warning): the forecast's mean above 95 % within the next 7 days (after the latest report);
// - a day is *partial* when fewer hospitals reported than have beds of the function: its figure
//   covers only those that reported, and says so.
import type { BedFunction, CensusSeriesPoint, ForecastSeries } from '@caretwin/contracts';
import { addDays, windowStart, type NowState } from './state';

export const THRESHOLDS = {
  /** 満床: occupancy above this on `fullDays` days running */
  full: 0.95,
  fullDays: 2,
  /** 高稼働: occupancy above this today */
  high: 0.9,
  /** the forecast's mean above `full` within this many days */
  forecastDays: 7,
} as const;

/** The general beds (一般病床) the map colours by: all but 慢性期. */
export const GENERAL_FUNCTIONS: readonly BedFunction[] = ['highAcute', 'acute', 'recovery'];

export interface DayFigure {
  date: string;
  /** null: no hospital of the area reported this function that day (a gap) */
  occupancy: number | null;
  occupied: number;
  beds: number;
  reported: number;
  expected: number;
  /** fewer reported than expected */
  partial: boolean;
}

export interface ForecastFigure {
  date: string;
  horizon: number;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface CensusPanel {
  area: string;
  function: BedFunction;
  /** every day of the window, ascending (gaps as occupancy null) */
  days: DayFigure[];
  /** the last day of the window (asOf); null when nothing was ever reported */
  today: DayFigure | null;
  /** the forecast as shares of beds; empty when there is none */
  forecast: ForecastFigure[];
}

function figure(date: string, point: CensusSeriesPoint | undefined): DayFigure {
  if (!point)
    return { date, occupancy: null, occupied: 0, beds: 0, reported: 0, expected: 0, partial: false };
  const beds = point.beds ?? 0;
  const occupied = point.occupied ?? 0;
  return {
    date,
    occupancy: point.reported > 0 && beds > 0 ? occupied / beds : null,
    occupied,
    beds,
    reported: point.reported,
    expected: point.expected,
    partial: point.reported < point.expected,
  };
}

function forecastFigures(series: ForecastSeries | undefined): ForecastFigure[] {
  if (!series) return [];
  return series.points
    .filter((p) => p.beds > 0)
    .map((p) => ({
      date: p.date,
      horizon: p.horizon,
      mean: p.mean / p.beds,
      lo80: p.p10 / p.beds,
      hi80: p.p90 / p.beds,
      lo95: p.p2_5 / p.beds,
      hi95: p.p97_5 / p.beds,
    }));
}

/** The window's days of every area × function, in the order given (rows: areas). */
export function censusPanels(
  state: NowState,
  areas: readonly string[],
  functions: readonly BedFunction[],
): CensusPanel[] {
  const dates: string[] = [];
  if (state.asOf !== null)
    for (let d = windowStart(state.asOf); d <= state.asOf; d = addDays(d, 1)) dates.push(d);
  const byKey = new Map<string, CensusSeriesPoint>();
  for (const p of state.points.values()) byKey.set(`${p.area}|${p.function}|${p.date}`, p);
  const forecast = new Map(
    (state.forecast?.series ?? []).map((s) => [`${s.area}|${s.function}`, s] as const),
  );
  return areas.flatMap((area) =>
    functions.map((fn) => {
      const days = dates.map((date) => figure(date, byKey.get(`${area}|${fn}|${date}`)));
      return {
        area,
        function: fn,
        days,
        today: days.length ? days[days.length - 1] : null,
        forecast: forecastFigures(forecast.get(`${area}|${fn}`)),
      };
    }),
  );
}

/** Today's occupancy of an area's general beds (null: no report today), for the map. */
export function generalOccupancyToday(state: NowState, area: string): number | null {
  if (state.asOf === null) return null;
  let occupied = 0;
  let beds = 0;
  for (const p of state.points.values())
    if (
      p.date === state.asOf &&
      p.area === area &&
      GENERAL_FUNCTIONS.includes(p.function) &&
      p.reported > 0
    ) {
      occupied += p.occupied ?? 0;
      beds += p.beds ?? 0;
    }
  return beds > 0 ? occupied / beds : null;
}

export type AlertKind = 'full' | 'high' | 'forecast';

export interface NowAlert {
  kind: AlertKind;
  level: 'critical' | 'warning';
  area: string;
  function: BedFunction;
  /** the days the rule looked at (full: the days running; forecast: the first day above) */
  dates: string[];
  /** the occupancy that tripped it (today's, or the forecast's mean that day) */
  occupancy: number;
  /** a figure of fewer hospitals than expected */
  partial: boolean;
}

const LEVEL_ORDER = { critical: 0, warning: 1 } as const;

/**
 * The alerts of the panels. `asOf` (the latest report date) bounds the forecast rule to the days
 * after it: a forecast from an older census (a newer one still running) warns only about days
 * still ahead, never about days already reported.
 */
export function alertsOf(panels: readonly CensusPanel[], asOf: string | null = null): NowAlert[] {
  const alerts: NowAlert[] = [];
  for (const panel of panels) {
    const last = panel.days.slice(-THRESHOLDS.fullDays);
    const base = { area: panel.area, function: panel.function };
    if (
      last.length === THRESHOLDS.fullDays &&
      last.every((d) => d.occupancy !== null && d.occupancy > THRESHOLDS.full)
    ) {
      alerts.push({
        ...base,
        kind: 'full',
        level: 'critical',
        dates: last.map((d) => d.date),
        occupancy: last[last.length - 1].occupancy ?? 0,
        partial: last.some((d) => d.partial),
      });
    } else if (panel.today?.occupancy != null && panel.today.occupancy > THRESHOLDS.high) {
      alerts.push({
        ...base,
        kind: 'high',
        level: 'warning',
        dates: [panel.today.date],
        occupancy: panel.today.occupancy,
        partial: panel.today.partial,
      });
    }
    const first = asOf ?? panel.today?.date ?? null;
    const until = first === null ? null : addDays(first, THRESHOLDS.forecastDays);
    const ahead = panel.forecast.find(
      (f) =>
        f.horizon <= THRESHOLDS.forecastDays &&
        (first === null || until === null || (f.date > first && f.date <= until)) &&
        f.mean > THRESHOLDS.full,
    );
    if (ahead)
      alerts.push({
        ...base,
        kind: 'forecast',
        level: 'warning',
        dates: [ahead.date],
        occupancy: ahead.mean,
        partial: false,
      });
  }
  return alerts.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.occupancy - a.occupancy);
}
