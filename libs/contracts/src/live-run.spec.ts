import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  applySnapshot,
  bandColumns,
  bandIsContiguous,
  bandPoints,
  fromSnapshot,
  mergeBand,
  type LiveRunState,
} from './live-run';
import type { BandPoint, RunProgressEvent, RunSnapshot } from './socket';

const point = (day: number, n: number, mean: number): BandPoint => ({
  day,
  n,
  mean,
  min: mean - 1,
  max: mean + 1,
  capacity: 100,
});
const counters = { admissions: 0, refusals: 0, difficultTransports: 0, overflow: 0, leftRegion: 0 };

function snapshot(seq: number, days: number[], extra: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    runId: 'r1',
    seq,
    state: 'running',
    percent: 10,
    replications: [{ index: 0, day: days.length, totalDays: 30, done: false }],
    counters,
    band: bandColumns([{ area: 'sendai', function: 'acute', points: days.map((d) => point(d, 1, 50)) }]),
    at: 1000,
    complete: true,
    bandStride: 1,
    warmupDays: 2,
    totalDays: 30,
    ...extra,
  };
}

/** A delta building on the event (or snapshot) just before it, unless `extra.prev` says otherwise. */
function progress(seq: number, points: BandPoint[], extra: Partial<RunProgressEvent> = {}): RunProgressEvent {
  return {
    runId: 'r1',
    seq,
    prev: seq - 1,
    state: 'running',
    percent: 20,
    replications: [{ index: 1, day: 3, totalDays: 30, done: false }],
    counters: { ...counters, admissions: 5 },
    band: bandColumns([
      { area: 'sendai', function: 'acute', points: [...points].sort((a, b) => a.day - b.day) },
    ]),
    at: 1100,
    ...extra,
  };
}

describe('applying live run messages', () => {
  it('takes a snapshot when there is no state yet, and only a newer one afterwards', () => {
    const first = applySnapshot(undefined, snapshot(5, [1, 2]));
    expect(first.outcome).toBe('applied');
    const state = first.state as LiveRunState;
    expect(applySnapshot(state, snapshot(5, [1])).outcome).toBe('stale');
    expect(applySnapshot(state, snapshot(4, [1])).outcome).toBe('stale');
    expect(applySnapshot(state, snapshot(9, [1, 2, 3])).state?.seq).toBe(9);
  });

  it('drops an event whose seq is not newer than the last one applied, so nothing is applied twice', () => {
    const state = fromSnapshot(snapshot(5, [1, 2]));
    const event = progress(6, [point(2, 2, 60)]);
    const once = applyEvent(state, { name: 'run.progress', event });
    expect(once.outcome).toBe('applied');
    const twice = applyEvent(once.state, { name: 'run.progress', event });
    expect(twice.outcome).toBe('stale');
    expect(twice.state).toBe(once.state);
    expect(applyEvent(state, { name: 'run.progress', event: progress(5, []) }).outcome).toBe('stale');
  });

  it('replaces a day already known and appends new days in order, keeping the input state unchanged', () => {
    const state = fromSnapshot(snapshot(1, [1, 2]));
    const next = applyEvent(state, {
      name: 'run.progress',
      event: progress(2, [point(3, 1, 70), point(2, 2, 55)]),
    }).state;
    expect(next.band[0].points.map((p) => [p.day, p.n, p.mean])).toEqual([
      [1, 1, 50],
      [2, 2, 55],
      [3, 1, 70],
    ]);
    expect(state.band[0].points).toHaveLength(2);
    expect(next.replications.map((r) => r.index)).toEqual([0, 1]);
    expect(next.counters.admissions).toBe(5);
  });

  it('ends a run on its end event and takes no progress after it', () => {
    const state = fromSnapshot(snapshot(1, [1]));
    const ended = applyEvent(state, {
      name: 'run.completed',
      event: { runId: 'r1', seq: 2, prev: 1, state: 'completed', at: 1 },
    }).state;
    expect(ended.state).toBe('completed');
    expect(ended.percent).toBe(100);
    expect(applyEvent(ended, { name: 'run.progress', event: progress(3, [point(2, 1, 1)]) }).outcome).toBe(
      'finished',
    );
    const failed = applyEvent(state, {
      name: 'run.failed',
      event: { runId: 'r1', seq: 2, prev: 1, state: 'failed', reason: 'replication 3 failed: x', at: 1 },
    }).state;
    expect([failed.state, failed.reason, failed.percent]).toEqual(['failed', 'replication 3 failed: x', 10]);
  });

  it('ignores events of another run', () => {
    const state = fromSnapshot(snapshot(1, [1]));
    expect(applyEvent(state, { name: 'run.progress', event: progress(7, [], { runId: 'r2' }) }).outcome).toBe(
      'other-run',
    );
  });

  it('calls a downsampled band complete once the missing days have arrived', () => {
    const state = fromSnapshot(snapshot(1, [1, 3], { complete: false, bandStride: 2 }));
    expect(bandIsContiguous(state.band)).toBe(false);
    const next = applyEvent(state, { name: 'run.progress', event: progress(2, [point(2, 2, 50)]) }).state;
    expect(next.complete).toBe(true);
  });

  it('adds a series it has not seen with its points sorted by day', () => {
    const band = mergeBand(
      [],
      [{ area: 'a', function: 'chronic', points: [point(2, 1, 1), point(1, 1, 1)] }],
    );
    expect(band[0].points.map((p) => p.day)).toEqual([1, 2]);
  });

  it('applies a delta that builds on a snapshot taken after the event before it', () => {
    // The api took a snapshot (seq 8) for this client after sending event 7; event 9 builds on 7.
    const state = fromSnapshot(snapshot(8, [1, 2]));
    const next = applyEvent(state, {
      name: 'run.progress',
      event: progress(9, [point(3, 1, 70)], { prev: 7 }),
    });
    expect(next.outcome).toBe('applied');
    expect(next.state.band[0].points.map((p) => p.day)).toEqual([1, 2, 3]);
  });

  it('refuses a delta that builds on an event it never got (a gap), and an end event after one', () => {
    const state = fromSnapshot(snapshot(5, [1, 2]));
    // Event 6 was lost: event 7 builds on it.
    const gap = applyEvent(state, {
      name: 'run.progress',
      event: progress(7, [point(3, 1, 70)], { prev: 6 }),
    });
    expect(gap.outcome).toBe('gap');
    expect(gap.state).toBe(state);
    const end = applyEvent(state, {
      name: 'run.completed',
      event: { runId: 'r1', seq: 8, prev: 7, state: 'completed', at: 2 },
    });
    expect([end.outcome, end.state.state]).toEqual(['gap', 'running']);
    // The snapshot of a new subscribe catches it up, and the next delta applies.
    const caught = applySnapshot(state, snapshot(9, [1, 2, 3])).state as LiveRunState;
    expect(
      applyEvent(caught, { name: 'run.progress', event: progress(10, [point(4, 1, 1)], { prev: 7 }) })
        .outcome,
    ).toBe('applied');
  });

  it('carries band points by column on the wire and reads them back as points', () => {
    const series = [
      { area: 'sendai', function: 'acute' as const, points: [point(1, 2, 50), point(2, 2, 51)] },
      { area: 'sendai', function: 'highAcute' as const, points: [point(1, 2, 8), point(2, 2, 9)] },
    ];
    const columns = bandColumns(series);
    expect(columns.days).toEqual([1, 2]);
    expect(columns.n).toEqual([2, 2]);
    expect(columns.series[1].mean).toEqual([8, 9]);
    expect(bandPoints(columns)).toEqual(series);
    // Over many days, well under half the bytes of the same points as objects.
    const days = Array.from({ length: 100 }, (_, i) => point(i + 1, 3, 40 + (i % 9) + 0.25));
    const long = [{ area: 'sendai', function: 'acute' as const, points: days }];
    expect(JSON.stringify(bandColumns(long)).length).toBeLessThan(0.45 * JSON.stringify(long).length);
  });
});
