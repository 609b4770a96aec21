import { describe, expect, it } from 'vitest';
import { KeyedDraws, StayShape } from '../demand/keyed-draws';
import { expectedDaysBetween, expectedDaysUpTo, gammaP, normalCdf } from './stay-days';

/** E[min(L, x)] by sampling the model's own stay draw (keyed-draws unitStay). */
function sampled(shape: number, mean: number, cv: number, x: number, n = 200_000): number {
  const draws = new KeyedDraws();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.min(x, mean * draws.begin(i, 64).unitStay(shape, cv, false));
  return sum / n;
}

describe('expected days of a stay within a window of it', () => {
  it('matches the normal CDF and the incomplete gamma function at known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(gammaP(3, 3)).toBeCloseTo(0.57681, 6);
    expect(gammaP(0.5, 10)).toBeCloseTo(0.999992, 6);
  });

  it('gives the mean for the whole stay and min(mean, x) for a fixed stay', () => {
    for (const shape of [StayShape.LOGNORMAL, StayShape.GAMMA, StayShape.EXPONENTIAL])
      expect(expectedDaysUpTo(shape, 12, 0.7, Infinity)).toBe(12);
    expect(expectedDaysUpTo(StayShape.LOGNORMAL, 10, 0, 4)).toBe(4);
    expect(expectedDaysBetween(StayShape.GAMMA, 10, 0, 8, Infinity)).toBe(2);
  });

  it('agrees with the model’s sampled stays for every shape, within sampling error', () => {
    for (const [shape, cv] of [
      [StayShape.LOGNORMAL, 0.7],
      [StayShape.LOGNORMAL, 1.2],
      [StayShape.GAMMA, 0.5],
      [StayShape.GAMMA, 1.5],
      [StayShape.EXPONENTIAL, 1],
    ])
      for (const x of [1, 4, 12, 30])
        expect(
          Math.abs(expectedDaysUpTo(shape, 12, cv, x) - sampled(shape, 12, cv, x)),
          `${shape} ${cv} ${x}`,
        ).toBeLessThan(0.01 * Math.min(12, x) + 0.02);
  });

  it('splits a stay into windows that add up to the mean', () => {
    const cuts = [0, 2, 5, 9, 17, Infinity];
    let total = 0;
    for (let i = 0; i + 1 < cuts.length; i++)
      total += expectedDaysBetween(StayShape.LOGNORMAL, 11, 0.8, cuts[i], cuts[i + 1]);
    expect(total).toBeCloseTo(11, 9);
  });
});
