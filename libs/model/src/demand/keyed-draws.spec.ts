import { describe, expect, it } from 'vitest';
import { FlatAlias } from '../region/alias';
import { KeyedDraws, StayShape, keyedUniform } from './keyed-draws';

const mean = (n: number, draw: (i: number) => number): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s += draw(i);
  return s / n;
};

describe('keyed per-patient draws', () => {
  it('are a pure function of (key, slot, i)', () => {
    expect(keyedUniform(12345, 64, 0)).toBe(keyedUniform(12345, 64, 0));
    expect(keyedUniform(12345, 64, 0)).not.toBe(keyedUniform(12345, 65, 0));
    expect(keyedUniform(12345, 64, 0)).not.toBe(keyedUniform(12346, 64, 0));
  });

  it('look uniform on (0, 1)', () => {
    const n = 200_000;
    const m = mean(n, (i) => keyedUniform(i * 7919, 3, 0));
    expect(Math.abs(m - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    const u = Array.from({ length: 1000 }, (_, i) => keyedUniform(i, 9, 1));
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });

  it.each([
    ['gamma', StayShape.GAMMA, 0.6],
    ['gamma with CV 1', StayShape.GAMMA, 1],
    ['gamma with CV 1.5', StayShape.GAMMA, 1.5],
    ['lognormal', StayShape.LOGNORMAL, 0.7],
    ['exponential', StayShape.EXPONENTIAL, 1],
  ])('draws %s stays of mean 1, and length-biased ones of mean 1 + CV²', (_name, shape, cv) => {
    const d = new KeyedDraws();
    const n = 100_000;
    const plain = mean(n, (i) => d.begin(i * 2654435761, 64).unitStay(shape, cv, false));
    const biased = mean(n, (i) => d.begin(i * 2654435761, 6).unitStay(shape, cv, true));
    const tolerance = (k: number) => (5 * Math.sqrt(k)) / Math.sqrt(n);
    expect(Math.abs(plain - 1)).toBeLessThan(tolerance(cv * cv));
    expect(Math.abs(biased - (1 + cv * cv))).toBeLessThan(tolerance(4 * cv * cv * (1 + cv * cv)));
  });
});

describe('FlatAlias', () => {
  it('samples categories in proportion to their weights', () => {
    const alias = new FlatAlias([1, 0, 3]);
    const counts = [0, 0, 0];
    const n = 40_000;
    for (let i = 0; i < n; i++) counts[alias.sample(keyedUniform(i, 1, 0))]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2] / n - 0.75)).toBeLessThan(0.01);
  });
});
