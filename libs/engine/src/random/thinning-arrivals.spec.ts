import { describe, expect, it } from 'vitest';
import { streamFor } from './random-stream';
import { ThinningArrivals } from './thinning-arrivals';

describe('ThinningArrivals', () => {
  it('produces arrivals at the rate of each bin and none past the last', () => {
    // Two-hour bins alternating quiet and busy (per minute), over 2000 days.
    const bins = 12 * 2000;
    const rates = new Float64Array(bins).map((_, i) => (i % 2 === 0 ? 0.01 : 0.05));
    const arrivals = new ThinningArrivals(rates, 120, 0.06);
    const rng = streamFor(1, 0, 'arrivals');
    let quiet = 0;
    let busy = 0;
    let t = 0;
    for (;;) {
      t = arrivals.next(t, rng);
      if (t === Infinity) break;
      if (Math.floor(t / 120) % 2 === 0) quiet++;
      else busy++;
    }
    const binMinutes = 120 * (bins / 2);
    expect(Math.abs(quiet / binMinutes / 0.01 - 1)).toBeLessThan(0.03);
    expect(Math.abs(busy / binMinutes / 0.05 - 1)).toBeLessThan(0.015);
  });

  it('draws the same candidates whatever the rates under one bound, so what-ifs stay paired', () => {
    const base = new ThinningArrivals(new Float64Array(100).fill(0.02), 60, 0.05);
    const busier = new ThinningArrivals(new Float64Array(100).fill(0.04), 60, 0.05);
    const a = streamFor(9, 0, 'arrivals');
    const b = streamFor(9, 0, 'arrivals');
    const baseTimes: number[] = [];
    for (let t = base.next(0, a); t < Infinity; t = base.next(t, a)) baseTimes.push(t);
    const busierTimes = new Set<number>();
    for (let t = busier.next(0, b); t < Infinity; t = busier.next(t, b)) busierTimes.add(t);
    // Every baseline arrival is also an arrival of the busier what-if (acceptance u·max < rate).
    for (const t of baseTimes) expect(busierTimes.has(t)).toBe(true);
    expect(busierTimes.size).toBeGreaterThan(baseTimes.length);
  });

  it('refuses a rate above the bound', () => {
    expect(() => new ThinningArrivals(new Float64Array([0.01, 0.2]), 60, 0.1)).toThrow(/bin 1/);
  });
});
