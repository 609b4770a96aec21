// Forecast summaries: the quantile rule, the interval order, the dates and the series' order.
import { describe, expect, it } from 'vitest';
import { quantileSorted, summariseForecast, type ForecastCell } from './summary';
import { addDays, daysBetween } from './dates';

const fourteen = (f: (h: number) => number[]): number[][] => Array.from({ length: 14 }, (_, h) => f(h + 1));

describe('forecast summaries', () => {
  it('interpolates quantiles between order statistics (type 7) and stays within the sample', () => {
    const xs = [10, 20, 30, 40, 50];
    expect(quantileSorted(xs, 0)).toBe(10);
    expect(quantileSorted(xs, 0.5)).toBe(30);
    expect(quantileSorted(xs, 0.1)).toBeCloseTo(14);
    expect(quantileSorted(xs, 0.975)).toBeCloseTo(49);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('gives per horizon the mean and both intervals of the replications, dated from the census date', () => {
    const values = Array.from({ length: 101 }, (_, r) => 100 + r); // 100…200
    const cell: ForecastCell = {
      area: 'sendai',
      function: 'acute',
      beds: 250,
      byHorizon: fourteen(() => values),
    };
    const [series] = summariseForecast('2026-12-31', [cell]);
    expect(series.points).toHaveLength(14);
    expect(series.points[0]).toEqual({
      horizon: 1,
      date: '2027-01-01',
      mean: 150,
      p10: 110,
      p90: 190,
      p2_5: 102.5,
      p97_5: 197.5,
      beds: 250,
    });
    expect(series.points[13].date).toBe('2027-01-14');
  });

  it('keeps p2.5 ≤ p10 ≤ mean ≤ p90 ≤ p97.5 even when one wild replication drags the mean out of the 80 % interval', () => {
    const values = [...Array.from({ length: 19 }, () => 10), 1000];
    const [series] = summariseForecast('2026-01-01', [
      { area: 'a', function: 'chronic', beds: 5, byHorizon: fourteen(() => values) },
    ]);
    for (const p of series.points) {
      expect(p.p2_5).toBeLessThanOrEqual(p.p10);
      expect(p.p10).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.p90);
      expect(p.p90).toBeLessThanOrEqual(p.p97_5);
    }
    expect(series.points[0].mean).toBe(59.5);
  });

  it('orders the series by area as given, then by bed function', () => {
    const cell = (area: string, f: ForecastCell['function']): ForecastCell => ({
      area,
      function: f,
      beds: 1,
      byHorizon: fourteen(() => [1]),
    });
    const series = summariseForecast('2026-01-01', [
      cell('north', 'chronic'),
      cell('south', 'highAcute'),
      cell('north', 'highAcute'),
    ]);
    expect(series.map((s) => `${s.area}/${s.function}`)).toEqual([
      'north/highAcute',
      'north/chronic',
      'south/highAcute',
    ]);
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 14)).toBe('2027-01-14');
    expect(daysBetween('2026-12-25', '2027-01-01')).toBe(7);
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });
});
