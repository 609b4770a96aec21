import { describe, expect, it } from 'vitest';
import { BED_FUNCTIONS } from '@caretwin/contracts';
import type { SeriesId } from '@caretwin/runner';
import type { BandDays } from '../queue/live-state.store';
import { bandPoints } from '@caretwin/contracts';
import {
  fitProgress,
  fitSnapshot,
  jsonBytes,
  strided,
  type ProgressBase,
  type SnapshotBase,
} from './live-messages';

const series: SeriesId[] = ['sennan', 'sendai', 'osaki-kurihara', 'ishinomaki-tome-kesennuma'].flatMap(
  (area) => BED_FUNCTIONS.map((f) => ({ area, function: f })),
);

/** Accumulators of `count` days for the 16 Miyagi series: [n, sum, min, max, capacity, …]. */
function days(count: number, n = 6): BandDays {
  return Array.from(
    { length: count },
    (_, i) =>
      [
        i + 1,
        [n, ...series.flatMap((_, s) => [n * (400 + s + i), 390 + s, 420 + s + (i % 7), 1200 + s])],
      ] as [number, number[]],
  );
}

const counters = { admissions: 1, refusals: 2, difficultTransports: 3, overflow: 4, leftRegion: 5 };
const progressBase: ProgressBase = {
  runId: 'r',
  seq: 7,
  prev: 6,
  state: 'running',
  percent: 40,
  replications: [],
  counters,
  at: 1,
};
const { prev: _prev, ...eventFields } = progressBase;
const snapshotBase: SnapshotBase = {
  ...eventFields,
  replications: Array.from({ length: 6 }, (_, index) => ({
    index,
    day: 370,
    totalDays: 370,
    done: index < 3,
  })),
  warmupDays: 5,
  totalDays: 370,
};

describe('fitting live messages in the size bound', () => {
  it('sends every pending day when they fit', () => {
    const { event, sent } = fitProgress(progressBase, series, days(10), 65_000);
    expect(sent).toBe(10);
    expect(event.band.series).toHaveLength(16);
    expect(event.band.days).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bandPoints(event.band)[0].points[0]).toEqual({
      day: 1,
      n: 6,
      mean: 400,
      min: 390,
      max: 420,
      capacity: 1200,
    });
  });

  it('takes the oldest days that fit and leaves the rest for the next message', () => {
    const budget = 20_000;
    const { event, sent } = fitProgress(progressBase, series, days(100), budget);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(100);
    expect(jsonBytes(event)).toBeLessThanOrEqual(budget);
    expect(
      jsonBytes(fitProgress(progressBase, series, days(100).slice(0, sent + 1), budget).event),
    ).toBeLessThanOrEqual(budget);
    expect(bandPoints(event.band)[5].points.map((p) => p.day)).toEqual(
      Array.from({ length: sent }, (_, i) => i + 1),
    );
  });

  it('gives the full band in a snapshot when it fits, marked complete', () => {
    const snapshot = fitSnapshot(snapshotBase, series, days(20), 65_000);
    expect([snapshot.complete, snapshot.bandStride, snapshot.band.days.length]).toEqual([true, 1, 20]);
  });

  it('downsamples a snapshot whose full band would not fit, keeping the first and last day', () => {
    const all = days(370);
    expect(jsonBytes(fitSnapshot(snapshotBase, series, all, 10_000_000))).toBeGreaterThan(65_000);
    const snapshot = fitSnapshot(snapshotBase, series, all, 65_000);
    expect(jsonBytes(snapshot)).toBeLessThanOrEqual(65_000);
    expect(snapshot.complete).toBe(false);
    expect(snapshot.bandStride).toBeGreaterThan(1);
    const kept = snapshot.band.days;
    expect(kept[0]).toBe(1);
    expect(kept[kept.length - 1]).toBe(370);
    expect(kept[1] - kept[0]).toBe(snapshot.bandStride);
    expect(snapshot.replications).toHaveLength(6);
  });

  it('leaves the band out of a snapshot when not even two days fit', () => {
    const snapshot = fitSnapshot(snapshotBase, series, days(370), 2_000);
    expect([snapshot.band.days, snapshot.complete, snapshot.bandStride]).toEqual([[], false, 0]);
  });

  it('keeps every k-th day and the last one', () => {
    expect(strided(days(10), 4).map(([d]) => d)).toEqual([1, 5, 9, 10]);
  });

  it('keeps a Miyagi day of the delta (16 series) under 300 bytes, so a second of a fast run fits many times over', () => {
    const one = fitProgress(progressBase, series, days(1), 65_000).bytes;
    const hundred = fitProgress(progressBase, series, days(101), 65_000).bytes;
    expect((hundred - one) / 100).toBeLessThan(300);
    expect(hundred).toBeLessThan(64 * 1024);
  });
});
