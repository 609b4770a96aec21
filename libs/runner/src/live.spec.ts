import { describe, expect, it } from 'vitest';
import type { DaySnapshot } from '@caretwin/contracts';
import {
  bandPoint,
  decodeLiveSeries,
  decodeReplicationState,
  encodeLiveSeries,
  encodeReplicationState,
  foldRows,
  liveKeys,
  meanCounters,
  seriesOf,
} from './live';

const counters = { admissions: 0, refusals: 0, difficultTransports: 0, overflow: 0, leftRegion: 0 };

describe('the live-progress encodings shared by workers and the api', () => {
  it('puts every key of a run under the deployment prefix', () => {
    for (const key of Object.values(liveKeys('caretwin-abc', 'run-1')))
      expect(key.startsWith('caretwin-abc:caretwin:live:run-1:')).toBe(true);
  });

  it('writes a day row in the order of the run series, whatever order the snapshot lists them in', () => {
    const a: DaySnapshot = {
      day: 3,
      warmup: false,
      occupancy: [
        { area: 'sendai', function: 'acute', inUse: 10, capacity: 20 },
        { area: 'sennan', function: 'chronic', inUse: 5, capacity: 8 },
      ],
      counters,
    };
    const series = seriesOf(a);
    const b: DaySnapshot = { ...a, day: 4, occupancy: [...a.occupancy].reverse() };
    expect(foldRows(series, [a, b])).toEqual([
      [3, 10, 20, 5, 8],
      [4, 10, 20, 5, 8],
    ]);
    expect(decodeLiveSeries(encodeLiveSeries(series))).toEqual(series);
  });

  it('reads a band point as the mean over the replications that reached the day, rounded to 0.01', () => {
    expect(bandPoint(7, [3, 10, 2, 5, 9, 100, 30, 40, 50], 1)).toEqual({
      day: 7,
      n: 3,
      mean: 33.33,
      min: 30,
      max: 40,
      capacity: 50,
    });
  });

  it('round-trips a replication state and averages running counters over replications', () => {
    expect(
      decodeReplicationState(4, encodeReplicationState({ day: 12, totalDays: 30, done: false })),
    ).toEqual({ index: 4, day: 12, totalDays: 30, done: false });
    expect(meanCounters([])).toEqual(counters);
    expect(
      meanCounters([
        { ...counters, refusals: 1 },
        { ...counters, refusals: 2 },
      ]).refusals,
    ).toBe(1.5);
  });
});
