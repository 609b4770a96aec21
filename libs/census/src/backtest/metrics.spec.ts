import { describe, expect, it } from 'vitest';
import type { CensusRow, Forecast, ForecastPoint } from '@caretwin/contracts';
import { addDays } from '../forecast/dates';
import { backtestOrigins, expectedReports, scoreBacktest, truthFromRows, type TruthPoint } from './metrics';

const row = (date: string, hospital: string, occupied: number): CensusRow => ({
  date,
  hospital,
  institutionCode: '0410000000',
  area: 'north',
  function: 'acute',
  beds: 100,
  occupied,
  icuBeds: null,
  icuOccupied: null,
  vents: null,
  ventsInUse: null,
  admissions: null,
  discharges: null,
});

/** 28 days of truth for one area × function: 50 + day, so both baselines are wrong by known amounts. */
const start = '2026-01-01';
const truth: TruthPoint[] = Array.from({ length: 28 }, (_, d) => ({
  date: addDays(start, d),
  area: 'north',
  function: 'acute',
  occupied: 50 + d,
}));

/** A forecast from day `origin` that is exact (mean = actual, 80 % ± 1, 95 % ± 2) unless `change` says otherwise. */
const forecastFrom = (
  origin: number,
  change: (h: number, actual: number) => Partial<ForecastPoint>,
): Forecast => ({
  id: `f${origin}`,
  regionId: 'r',
  scenarioId: 's',
  censusDate: addDays(start, origin),
  createdAt: '2026-02-01T00:00:00.000Z',
  replications: 10,
  seed: 1,
  method: 'test',
  series: [
    {
      area: 'north',
      function: 'acute',
      points: Array.from({ length: 14 }, (_, i) => {
        const h = i + 1;
        const actual = 50 + origin + h;
        return {
          horizon: h,
          date: addDays(start, origin + h),
          mean: actual,
          p10: actual - 1,
          p90: actual + 1,
          p2_5: actual - 2,
          p97_5: actual + 2,
          beds: 100,
          ...change(h, actual),
        };
      }),
    },
  ],
});

describe('truthFromRows', () => {
  it('sums hospitals per area × function × day and leaves out days some hospital did not report', () => {
    const expected = expectedReports([
      { id: 'a', area: 'north', beds: { acute: 10 } },
      { id: 'b', area: 'north', beds: { acute: 20, chronic: 0 } },
    ]);
    const rows = [row('2026-01-01', 'a', 3), row('2026-01-01', 'b', 4), row('2026-01-02', 'a', 5)];
    expect(truthFromRows(rows, expected)).toEqual([
      { date: '2026-01-01', area: 'north', function: 'acute', occupied: 7 },
    ]);
    expect(truthFromRows(rows)).toHaveLength(2);
  });
});

describe('backtestOrigins', () => {
  it('leaves a week before the first origin and 14 days after the last, every 7 days by default', () => {
    expect(backtestOrigins({ first: '2026-01-01', last: '2026-02-04' })).toEqual([
      '2026-01-07',
      '2026-01-14',
      '2026-01-21',
    ]);
    expect(
      backtestOrigins(
        { first: '2026-01-01', last: '2026-02-04' },
        { from: '2026-01-10', to: '2026-01-12', every: 1 },
      ),
    ).toEqual(['2026-01-10', '2026-01-11', '2026-01-12']);
  });
});

describe('scoreBacktest', () => {
  it('scores a perfect forecast with zero error and full coverage, and the baselines by their known errors', () => {
    const report = scoreBacktest(truth, [forecastFrom(7, () => ({})), forecastFrom(10, () => ({}))]);
    expect(report.origins).toEqual(['2026-01-08', '2026-01-11']);
    const h3 = report.horizons.find((h) => h.horizon === 3)!;
    expect(h3.model).toMatchObject({
      n: 2,
      bias: 0,
      mae: 0,
      mape: 0,
      coverage80: 1,
      coverage95: 1,
      width80: 2,
    });
    // persistence: the census date's 50 + o, 3 below the actual; last week: 7 below
    expect(h3.persistence).toMatchObject({ n: 2, bias: -3, mae: 3 });
    expect(h3.lastWeek).toMatchObject({ n: 2, bias: -7, mae: 7 });
    expect(report.horizons.find((h) => h.horizon === 10)!.lastWeek.bias).toBe(-14);
    expect(report.cells).toHaveLength(1);
    expect(report.cells[0]).toMatchObject({ area: 'north', function: 'acute' });
    // origin 10 + 14 = day 24 < 28: every point of both forecasts has its truth
    expect(report.points).toBe(28);
    expect(report.skipped).toBe(0);
  });

  it('counts an actual on an interval bound as covered, outside as not, and the bias as forecast − actual', () => {
    const report = scoreBacktest(truth, [
      forecastFrom(7, (h, actual) =>
        h % 2 === 0
          ? { mean: actual + 4, p10: actual + 1, p90: actual + 6, p2_5: actual, p97_5: actual + 8 }
          : { p10: actual, p90: actual },
      ),
    ]);
    expect(report.overall.model.coverage80).toBeCloseTo(7 / 14);
    expect(report.overall.model.coverage95).toBe(1);
    expect(report.overall.model.bias).toBeCloseTo((7 * 4) / 14);
    expect(report.overall.model.mape).toBeGreaterThan(0);
  });

  it('skips points whose truth, census date or last week is unknown, so the model and baselines share their points', () => {
    const report = scoreBacktest(truth, [forecastFrom(2, () => ({})), forecastFrom(20, () => ({}))]);
    // origin 2 (day 2): h 1…4 look back to days −4…−1, h 8…11 to days −4…−1 too: 8 skipped;
    // origin 20: h 8…14 fall on days 28…34, past the truth: 7 skipped
    expect(report.skipped).toBe(8 + 7);
    expect(report.points).toBe(28 - 15);
    expect(report.horizons.every((h) => h.model.n === h.persistence.n && h.model.n === h.lastWeek.n)).toBe(
      true,
    );
  });
});
