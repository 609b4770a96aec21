import { describe, expect, it } from 'vitest';
import { Tally } from '../stats/tally';
import { streamFor, type RandomStream } from './random-stream';

/** Kolmogorov–Smirnov distance of a sample from U(0, 1). */
function ksUniform(sample: number[]): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    d = Math.max(d, (i + 1) / n - x, x - i / n);
  });
  return d;
}

/** Pearson chi-square of a U(0, 1) sample over equal bins. */
function chiSquareUniform(sample: number[], bins: number): number {
  const counts = new Array<number>(bins).fill(0);
  for (const x of sample) counts[Math.floor(x * bins)]++;
  const expected = sample.length / bins;
  return counts.reduce((sum, c) => sum + ((c - expected) * (c - expected)) / expected, 0);
}

function moments(n: number, draw: () => number): { mean: number; cv: number } {
  const tally = new Tally();
  for (let i = 0; i < n; i++) tally.add(draw());
  return { mean: tally.mean, cv: tally.sd / tally.mean };
}

describe('streamFor', () => {
  // With 10 000 values the KS statistic exceeds 0.0163 with probability 1 %, and chi-square on
  // 100 bins (99 df) exceeds 148 with probability 0.1 %.
  it('gives first draws of neighbouring seeds that look uniform (KS and chi-square)', () => {
    const first = Array.from({ length: 10_000 }, (_, seed) => streamFor(seed, 0, 'arrivals').uniform());
    expect(ksUniform(first)).toBeLessThan(0.0163);
    expect(chiSquareUniform(first, 100)).toBeLessThan(148);
  });

  it('gives first draws of neighbouring replications and purposes that look uniform', () => {
    const byReplication = Array.from({ length: 10_000 }, (_, r) => streamFor(1, r, 'stays').uniform());
    const byPurpose = Array.from({ length: 10_000 }, (_, p) => streamFor(1, 0, p).uniform());
    expect(ksUniform(byReplication)).toBeLessThan(0.0163);
    expect(ksUniform(byPurpose)).toBeLessThan(0.0163);
  });

  it('repeats a stream exactly for the same (seed, replication, purpose) and not otherwise', () => {
    const draw = (rng: RandomStream) => Array.from({ length: 5 }, () => rng.uniform());
    expect(draw(streamFor(42, 3, 'routing'))).toEqual(draw(streamFor(42, 3, 'routing')));
    const reference = draw(streamFor(42, 3, 'routing'));
    for (const other of [
      streamFor(43, 3, 'routing'),
      streamFor(42, 4, 'routing'),
      streamFor(42, 3, 'stays'),
      streamFor(42, 3, 7),
    ]) {
      expect(draw(other)).not.toEqual(reference);
    }
    expect(draw(streamFor(1, 0, 7))).not.toEqual(draw(streamFor(1, 0, '7')));
  });
});

describe('RandomStream distributions', () => {
  const n = 200_000;

  it('draws uniforms in [0, 1) with mean 1/2 and integers in 0..n−1', () => {
    const rng = streamFor(1, 0, 'uniform');
    const m = moments(n, () => rng.uniform());
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.cv * 0.5).toBeCloseTo(Math.sqrt(1 / 12), 2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.uniformInt(3)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(300);
  });

  it('draws exponentials with the given mean and CV 1', () => {
    const rng = streamFor(1, 0, 'exponential');
    const m = moments(n, () => rng.exponential(14_400));
    expect(m.mean / 14_400).toBeCloseTo(1, 2);
    expect(m.cv).toBeCloseTo(1, 1);
  });

  it.each([
    [10, 0.5],
    [5, 0.8],
    [2, 1.5],
  ])('draws lognormal stays with mean %d and CV %d', (mean, cv) => {
    const rng = streamFor(1, 0, 'lognormal');
    const m = moments(n, () => rng.lognormal(mean, cv));
    expect(Math.abs(m.mean / mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(m.cv / cv - 1)).toBeLessThan(0.05);
  });

  it.each([
    [10, 0.5],
    [5, 1],
    [2, 1.5],
  ])('draws gamma stays with mean %d and CV %d (shape above and below 1)', (mean, cv) => {
    const rng = streamFor(1, 0, 'gamma');
    const m = moments(n, () => rng.gamma(mean, cv));
    expect(Math.abs(m.mean / mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(m.cv / cv - 1)).toBeLessThan(0.03);
  });

  it('returns the mean itself when the CV is 0, and refuses a non-positive mean', () => {
    const rng = streamFor(1, 0, 'fixed');
    expect(rng.lognormal(3, 0)).toBe(3);
    expect(rng.gamma(3, 0)).toBe(3);
    expect(() => rng.gamma(0, 1)).toThrow(/mean > 0/);
  });

  it('draws standard normals', () => {
    const rng = streamFor(1, 0, 'normal');
    const tally = new Tally();
    for (let i = 0; i < n; i++) tally.add(rng.normal());
    expect(Math.abs(tally.mean)).toBeLessThan(0.01);
    expect(tally.sd).toBeCloseTo(1, 2);
  });

  it.each([0.7, 4, 25, 400])('draws Poisson counts with mean and variance %d', (mean) => {
    const rng = streamFor(1, 0, 'poisson');
    const tally = new Tally();
    let notCounts = 0;
    for (let i = 0; i < n; i++) {
      const k = rng.poisson(mean);
      if (!Number.isInteger(k) || k < 0) notCounts++;
      tally.add(k);
    }
    expect(notCounts).toBe(0);
    expect(Math.abs(tally.mean / mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(tally.variance / mean - 1)).toBeLessThan(0.03);
  });

  it('draws Bernoulli trials with the given probability', () => {
    const rng = streamFor(1, 0, 'bernoulli');
    let hits = 0;
    for (let i = 0; i < n; i++) if (rng.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(0.005);
  });
});
