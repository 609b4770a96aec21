import { RandomStream, streamFor } from '@caretwin/engine';
import { describe, expect, it } from 'vitest';
import { mser5 } from './mser';

const noise = (rng: RandomStream): number => rng.uniform() + rng.uniform() + rng.uniform() - 1.5;

describe('MSER-5', () => {
  it('truncates where an initial ramp ends', () => {
    const rng = streamFor(7, 0, 'mser');
    const series = Array.from({ length: 400 }, (_, t) => 100 * (1 - Math.exp(-t / 12)) + 3 * noise(rng));
    const { truncation } = mser5(series);
    expect(truncation).not.toBeNull();
    expect(truncation).toBeGreaterThanOrEqual(25);
    expect(truncation).toBeLessThanOrEqual(80);
  });

  it('keeps nearly all of a stationary series', () => {
    const rng = streamFor(7, 1, 'mser');
    const series = Array.from({ length: 400 }, () => 50 + noise(rng));
    expect(mser5(series).truncation).toBeLessThanOrEqual(40);
  });

  it('cannot tell when the series still drifts at half its length', () => {
    const series = Array.from({ length: 200 }, (_, t) => t);
    expect(mser5(series).truncation).toBeNull();
  });

  it('scores batches of five and searches only the first half', () => {
    const result = mser5(Array.from({ length: 53 }, (_, t) => t % 3));
    expect(result.batches).toBe(10);
    expect(result.statistic).toHaveLength(6);
  });
});
