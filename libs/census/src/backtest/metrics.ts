// Rolling-origin backtest metrics (docs/forecasting.md "Backtest"): forecasts made from census
// dates in the past, scored against what was later reported, per horizon 1–14 and per area ×
// function, beside two baselines a planner would use without a model — persistence (today's
// census stays) and the same weekday last week. Pure: the forecasts are made elsewhere.
import { BED_FUNCTIONS, type BedFunction, type CensusRow, type Forecast } from '@caretwin/contracts';
import { FORECAST_HORIZON_DAYS } from '@caretwin/contracts';
import { addDays } from '../forecast/dates';

/** One area × function × day of the truth: beds occupied at that day's midnight, summed over its hospitals. */
export interface TruthPoint {
  date: string;
  area: string;
  function: BedFunction;
  occupied: number;
}

/** A region's hospital as the truth needs it (structurally the scenario's `Hospital`). */
export interface TruthHospital {
  id: string;
  area: string;
  beds: Partial<Record<BedFunction, number>>;
}

/** Errors of point forecasts: mean error (forecast − actual), mean absolute error, mean absolute percentage error. */
export interface ErrorStats {
  /** points scored */
  n: number;
  /** mean of forecast − actual, beds (> 0: the forecast was too high) */
  bias: number;
  /** mean |forecast − actual|, beds */
  mae: number;
  /** mean |forecast − actual| ÷ actual, a share (points with actual 0 left out); null when none */
  mape: number | null;
}

/** The model's errors, and how often its prediction intervals held the actual figure. */
export interface ModelStats extends ErrorStats {
  /** share of points with p10 ≤ actual ≤ p90 (nominal 0.80) */
  coverage80: number;
  /** share of points with p2.5 ≤ actual ≤ p97.5 (nominal 0.95) */
  coverage95: number;
  /** mean width of the 80 % interval, beds */
  width80: number;
}

export interface BacktestScores {
  model: ModelStats;
  persistence: ErrorStats;
  lastWeek: ErrorStats;
}

export interface HorizonScores extends BacktestScores {
  horizon: number;
}

export interface CellScores extends BacktestScores {
  area: string;
  function: BedFunction;
  /** mean actual beds occupied over the points scored */
  meanOccupied: number;
}

export interface BacktestReport {
  /** census dates forecast from, ascending */
  origins: string[];
  /** points scored (area × function × origin × horizon with the truth and both baselines known) */
  points: number;
  /** forecast points left out: their date, origin or last week's date has no complete truth */
  skipped: number;
  horizons: HorizonScores[];
  cells: CellScores[];
  overall: BacktestScores;
}

const key = (area: string, f: string): string => `${area}\u0000${f}`;

/**
 * Hospitals with beds per area × function: the reports a day needs before its area sum is the
 * area's census.
 */
export function expectedReports(hospitals: readonly TruthHospital[]): Map<string, number> {
  const expected = new Map<string, number>();
  for (const h of hospitals)
    for (const f of BED_FUNCTIONS)
      if ((h.beds[f] ?? 0) > 0) expected.set(key(h.area, f), (expected.get(key(h.area, f)) ?? 0) + 1);
  return expected;
}

/**
 * Area × function × day sums of the rows' occupied beds. With `expected` (expectedReports), a
 * day where fewer hospitals reported than have beds is left out: a partial sum is not the area's
 * census, and a missing report is never zero.
 */
export function truthFromRows(
  rows: readonly CensusRow[],
  expected?: ReadonlyMap<string, number>,
): TruthPoint[] {
  const sums = new Map<string, { point: TruthPoint; reports: number }>();
  for (const row of rows) {
    const k = `${row.date}\u0000${key(row.area, row.function)}`;
    const seen = sums.get(k);
    if (seen) {
      seen.point.occupied += row.occupied;
      seen.reports++;
    } else
      sums.set(k, {
        point: { date: row.date, area: row.area, function: row.function, occupied: row.occupied },
        reports: 1,
      });
  }
  const out: TruthPoint[] = [];
  for (const { point, reports } of sums.values()) {
    const need = expected?.get(key(point.area, point.function));
    if (need === undefined || reports >= need) out.push(point);
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Census dates to forecast from: `from` to `to` every `every` days. Defaults leave a week of
 * history before the first (the same-weekday baseline needs it) and the full 14 days of truth
 * after the last.
 */
export function backtestOrigins(
  history: { first: string; last: string },
  options: { from?: string; to?: string; every?: number } = {},
): string[] {
  const every = options.every ?? 7;
  if (!Number.isInteger(every) || every < 1)
    throw new RangeError(`every must be a whole number of days ≥ 1, got ${every}`);
  const from = options.from ?? addDays(history.first, 6);
  const to = options.to ?? addDays(history.last, -FORECAST_HORIZON_DAYS);
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, every)) out.push(d);
  return out;
}

class ErrorSum {
  n = 0;
  private error = 0;
  private absolute = 0;
  private relative = 0;
  private relativeN = 0;

  add(forecast: number, actual: number): void {
    const e = forecast - actual;
    this.n++;
    this.error += e;
    this.absolute += Math.abs(e);
    if (actual > 0) {
      this.relative += Math.abs(e) / actual;
      this.relativeN++;
    }
  }

  stats(): ErrorStats {
    const n = this.n;
    return {
      n,
      bias: n > 0 ? this.error / n : Number.NaN,
      mae: n > 0 ? this.absolute / n : Number.NaN,
      mape: this.relativeN > 0 ? this.relative / this.relativeN : null,
    };
  }
}

class ScoreSum {
  readonly model = new ErrorSum();
  readonly persistence = new ErrorSum();
  readonly lastWeek = new ErrorSum();
  private in80 = 0;
  private in95 = 0;
  private width = 0;
  actual = 0;

  add(
    point: { mean: number; p10: number; p90: number; p2_5: number; p97_5: number },
    actual: number,
    persistence: number,
    lastWeek: number,
  ): void {
    this.model.add(point.mean, actual);
    this.persistence.add(persistence, actual);
    this.lastWeek.add(lastWeek, actual);
    if (point.p10 <= actual && actual <= point.p90) this.in80++;
    if (point.p2_5 <= actual && actual <= point.p97_5) this.in95++;
    this.width += point.p90 - point.p10;
    this.actual += actual;
  }

  scores(): BacktestScores {
    const n = this.model.n;
    return {
      model: {
        ...this.model.stats(),
        coverage80: n > 0 ? this.in80 / n : Number.NaN,
        coverage95: n > 0 ? this.in95 / n : Number.NaN,
        width80: n > 0 ? this.width / n : Number.NaN,
      },
      persistence: this.persistence.stats(),
      lastWeek: this.lastWeek.stats(),
    };
  }
}

/**
 * Scores forecasts against the truth. A forecast point counts only when the truth of its date,
 * of its census date (persistence) and of the same weekday in the week before the census
 * (date − 7 × ⌈h ÷ 7⌉) are all known, so the model and both baselines are scored on the same
 * points.
 */
export function scoreBacktest(truth: readonly TruthPoint[], forecasts: readonly Forecast[]): BacktestReport {
  const actual = new Map<string, number>();
  for (const t of truth) actual.set(`${t.date}\u0000${key(t.area, t.function)}`, t.occupied);
  const at = (date: string, area: string, f: string): number | undefined =>
    actual.get(`${date}\u0000${key(area, f)}`);

  const byHorizon = Array.from({ length: FORECAST_HORIZON_DAYS }, () => new ScoreSum());
  const byCell = new Map<string, { area: string; function: BedFunction; sum: ScoreSum }>();
  const overall = new ScoreSum();
  let skipped = 0;
  for (const forecast of forecasts) {
    for (const series of forecast.series) {
      const k = key(series.area, series.function);
      let cell = byCell.get(k);
      if (!cell) {
        cell = { area: series.area, function: series.function, sum: new ScoreSum() };
        byCell.set(k, cell);
      }
      const now = at(forecast.censusDate, series.area, series.function);
      for (const point of series.points) {
        const h = point.horizon;
        const truthNow = at(point.date, series.area, series.function);
        const weekAgo = at(addDays(point.date, -7 * Math.ceil(h / 7)), series.area, series.function);
        if (
          truthNow === undefined ||
          now === undefined ||
          weekAgo === undefined ||
          h < 1 ||
          h > FORECAST_HORIZON_DAYS
        ) {
          skipped++;
          continue;
        }
        byHorizon[h - 1].add(point, truthNow, now, weekAgo);
        cell.sum.add(point, truthNow, now, weekAgo);
        overall.add(point, truthNow, now, weekAgo);
      }
    }
  }
  const areaOrder: string[] = [];
  for (const c of byCell.values()) if (!areaOrder.includes(c.area)) areaOrder.push(c.area);
  const cells = [...byCell.values()]
    .filter((c) => c.sum.model.n > 0)
    .sort(
      (a, b) =>
        areaOrder.indexOf(a.area) - areaOrder.indexOf(b.area) ||
        BED_FUNCTIONS.indexOf(a.function) - BED_FUNCTIONS.indexOf(b.function),
    )
    .map((c) => ({
      area: c.area,
      function: c.function,
      meanOccupied: c.sum.actual / c.sum.model.n,
      ...c.sum.scores(),
    }));
  return {
    origins: [...new Set(forecasts.map((f) => f.censusDate))].sort(),
    points: overall.model.n,
    skipped,
    horizons: byHorizon.map((s, i) => ({ horizon: i + 1, ...s.scores() })).filter((h) => h.model.n > 0),
    cells,
    overall: overall.scores(),
  };
}
