import { describe, expect, it } from 'vitest';
import { streamFor } from '../random/random-stream';
import { DailySeries } from './daily-series';
import { QuantileSketch } from './quantile-sketch';
import { Tally } from './tally';
import { TimeWeighted } from './time-weighted';

describe('TimeWeighted', () => {
  it('averages a value over time, counts time above the threshold and forgets warm-up on reset', () => {
    const beds = new TimeWeighted(0, 0, 1.5);
    beds.update(10, 2); // 0 for 10 minutes
    beds.update(30, 1); // 2 for 20 minutes
    expect(beds.mean(40)).toBeCloseTo((0 * 10 + 2 * 20 + 1 * 10) / 40, 12);
    expect(beds.timeAbove(40)).toBe(20);
    expect(beds.max).toBe(2);
    beds.reset(40);
    beds.update(50, 3);
    expect(beds.mean(60)).toBe(2);
    expect(beds.timeAbove(60)).toBe(10);
    expect(beds.max).toBe(3);
    expect(() => beds.update(45, 1)).toThrow(/before the last update/);
  });
});

describe('Tally', () => {
  it('keeps count, mean, sample variance, sum and range', () => {
    const t = new Tally();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) t.add(x);
    expect(t.count).toBe(8);
    expect(t.mean).toBe(5);
    expect(t.variance).toBeCloseTo(32 / 7, 12);
    expect(t.sum).toBe(40);
    expect([t.min, t.max]).toEqual([2, 9]);
    expect(Number.isNaN(new Tally().mean)).toBe(true);
  });
});

describe('QuantileSketch', () => {
  it('returns p50/p90/p95 within its relative accuracy of the exact sample quantiles', () => {
    const rng = streamFor(1, 0, 'sketch');
    const sketch = new QuantileSketch(0.01);
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const x = i % 10 === 0 ? 0 : rng.lognormal(30, 1.2); // waits: many zeros, long tail
      values.push(x);
      sketch.add(x);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.05, 0.5, 0.9, 0.95, 0.999]) {
      const exact = values[Math.floor(q * (values.length - 1))];
      expect(Math.abs(sketch.quantile(q) - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-12);
    }
    expect(sketch.quantile(0)).toBe(0);
    expect(sketch.quantile(1)).toBe(values[values.length - 1]);
  });

  it('merges sketches of separate replications as if they were one', () => {
    const a = new QuantileSketch();
    const b = new QuantileSketch();
    const both = new QuantileSketch();
    for (let i = 1; i <= 1000; i++) {
      (i % 2 ? a : b).add(i - 300);
      both.add(i - 300);
    }
    a.merge(b);
    for (const q of [0.1, 0.5, 0.9]) expect(a.quantile(q)).toBe(both.quantile(q));
    expect(a.count).toBe(1000);
  });
});

describe('DailySeries', () => {
  it('stores one value per day and refuses days outside the horizon', () => {
    const census = new DailySeries(3);
    census.set(0, 5);
    census.add(2, 1);
    census.add(2, 1);
    expect([...census.values]).toEqual([5, 0, 2]);
    expect(() => census.set(3, 1)).toThrow(/outside 0..2/);
  });
});
