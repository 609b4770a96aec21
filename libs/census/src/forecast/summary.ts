// A forecast's summaries: per area × function × horizon, the mean and the 80 % and 95 %
// prediction intervals over the replications' midnight counts (docs/forecasting.md "Method").
import { BED_FUNCTIONS, type BedFunction, type ForecastSeries } from '@caretwin/contracts';
import { addDays } from './dates';

/** One area × function: its beds and, per horizon, every replication's beds occupied at midnight. */
export interface ForecastCell {
  area: string;
  function: BedFunction;
  /** beds of the function in the area (the census's) */
  beds: number;
  /** [horizon − 1][replication]: beds occupied at the midnight ending day censusDate + horizon */
  byHorizon: ArrayLike<number>[];
}

/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7,
 * R's and NumPy's default): with few replications the tails are interpolated, never extrapolated,
 * so p2.5 and p97.5 stay within the smallest and largest value seen.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Two decimals: the figures are bed counts, and the JSON stays small. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The series of a forecast from its cells, ordered by area (as given) then function
 * (BED_FUNCTIONS order). The quantiles are clamped so that p2.5 ≤ p10 ≤ mean ≤ p90 ≤ p97.5 even
 * when a skewed sample puts its mean outside the 80 % interval (a display and a test rely on
 * the order; with counts of tens to hundreds of beds the clamp practically never moves a figure).
 */
export function summariseForecast(censusDate: string, cells: ForecastCell[]): ForecastSeries[] {
  const order = (f: BedFunction): number => BED_FUNCTIONS.indexOf(f);
  const areas = [...new Set(cells.map((c) => c.area))];
  const sorted = [...cells].sort(
    (a, b) => areas.indexOf(a.area) - areas.indexOf(b.area) || order(a.function) - order(b.function),
  );
  return sorted.map((cell) => ({
    area: cell.area,
    function: cell.function,
    points: cell.byHorizon.map((values, i) => {
      const xs = Float64Array.from(values).sort();
      let sum = 0;
      for (let r = 0; r < xs.length; r++) sum += xs[r];
      const mean = xs.length > 0 ? sum / xs.length : Number.NaN;
      const p10 = Math.min(quantileSorted(xs, 0.1), mean);
      const p90 = Math.max(quantileSorted(xs, 0.9), mean);
      return {
        horizon: i + 1,
        date: addDays(censusDate, i + 1),
        mean: round2(mean),
        p10: round2(p10),
        p90: round2(p90),
        p2_5: round2(Math.min(quantileSorted(xs, 0.025), p10)),
        p97_5: round2(Math.max(quantileSorted(xs, 0.975), p90)),
        beds: cell.beds,
      };
    }),
  }));
}
