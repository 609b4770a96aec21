import { describe, expect, it } from 'vitest';
import { meanCI, pairedDifference, welchDifference } from './confidence';
import { studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
  it.each([
    [1, 12.706204736],
    [2, 4.30265273],
    [4, 2.776445105],
    [9, 2.262157163],
    [29, 2.045229642],
    [Infinity, 1.959963985],
  ])('matches published 97.5 %% quantiles for %d degrees of freedom', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 5);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-expected, 5);
  });

  it('interpolates smoothly for the fractional degrees of freedom of a Welch interval', () => {
    const q = studentTQuantile(0.975, 7.5);
    expect(q).toBeGreaterThan(2.306004); // df 8
    expect(q).toBeLessThan(2.364624); // df 7
  });
});

describe('meanCI', () => {
  it('gives the Student-t interval of replication values', () => {
    const ci = meanCI([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(ci.n).toBe(8);
    expect(ci.mean).toBe(5);
    expect(ci.sd).toBeCloseTo(2.138089935, 9);
    expect(ci.halfWidth).toBeCloseTo(2.364624 * (2.138089935 / Math.sqrt(8)), 5);
    expect(ci.lo).toBeCloseTo(5 - ci.halfWidth, 12);
  });

  it('leaves the interval undefined for a single replication', () => {
    const ci = meanCI([3]);
    expect(ci.mean).toBe(3);
    expect(Number.isNaN(ci.halfWidth)).toBe(true);
  });
});

describe('differences', () => {
  it('pairs replications by index, so a shared random effect cancels out', () => {
    const baseline = [10, 20, 30, 40, 50];
    const whatIf = [11, 21.5, 30.5, 41, 51];
    const paired = pairedDifference(baseline, whatIf);
    const unpaired = welchDifference(baseline, whatIf);
    expect(paired.paired).toBe(true);
    expect(paired.mean).toBeCloseTo(1, 12);
    expect(unpaired.mean).toBeCloseTo(1, 12);
    expect(paired.halfWidth).toBeLessThan(1);
    expect(unpaired.halfWidth).toBeGreaterThan(15);
    expect(unpaired.paired).toBe(false);
  });

  it('uses Welch–Satterthwaite degrees of freedom for unequal variances', () => {
    const d = welchDifference([1, 2, 3, 4], [10, 20, 30, 40, 50, 60]);
    // va = 1.6667/4, vb = 350/6: df = (va + vb)² / (va²/3 + vb²/5)
    const va = 1.6666666666666667 / 4;
    const vb = 350 / 6;
    expect(d.df).toBeCloseTo((va + vb) ** 2 / (va ** 2 / 3 + vb ** 2 / 5), 9);
    expect(d.mean).toBe(32.5);
  });

  it('refuses to pair result sets of different sizes', () => {
    expect(() => pairedDifference([1, 2], [1, 2, 3])).toThrow(/equal counts/);
  });
});
