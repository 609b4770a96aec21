// The fold script workers run against Redis (libs/runner live.ts), on a real redis-server: the
// band a run shows must count each replication once per day, whatever retries happen.
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaySnapshot } from '@caretwin/contracts';
import {
  FOLD_DAYS_LUA,
  LIVE_READ_LUA,
  NEXT_SEQ_LUA,
  bandSeries,
  decodeLiveSeries,
  encodeLiveSeries,
  encodeReplicationState,
  foldRows,
  liveKeys,
  seriesOf,
} from '../../libs/runner/src/live';
import { acquireRedis, type TestRedis } from '../service/harness/redis';

type FoldRedis = Redis & {
  fold(...args: Array<string | number>): Promise<number>;
  nextSeq(key: string, floor: number, ttl: number): Promise<number>;
  liveRead(
    ...args: Array<string | number>
  ): Promise<[string[], string[], string[], string | null, string[], Array<string | null>, number]>;
};

/** Beds in use on `day` of replication `rep` (made up, distinct per day and replication). */
const inUse = (rep: number, day: number, area: number): number => 100 + 10 * rep + day + area;

function day(rep: number, d: number): DaySnapshot {
  return {
    day: d,
    warmup: d <= 1,
    occupancy: [0, 1].map((a) => ({
      area: `area-${a}`,
      function: 'acute' as const,
      inUse: inUse(rep, d, a),
      capacity: 200 + a,
    })),
    counters: { admissions: d, refusals: 0, difficultTransports: 0, overflow: 0, leftRegion: 0 },
  };
}

describe('folding replication days into a run band in Redis', () => {
  let redis: TestRedis;
  let client: FoldRedis;
  const prefix = `ct-fold-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    redis = await acquireRedis();
    const c = new Redis(redis.url);
    c.defineCommand('fold', { numberOfKeys: 5, lua: FOLD_DAYS_LUA });
    c.defineCommand('nextSeq', { numberOfKeys: 1, lua: NEXT_SEQ_LUA });
    c.defineCommand('liveRead', { numberOfKeys: 6, lua: LIVE_READ_LUA });
    client = c as FoldRedis;
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.release([prefix]);
    if (redis?.dir) rmSync(redis.dir, { recursive: true, force: true });
  });

  async function fold(runId: string, rep: number, days: number[], done = false): Promise<number> {
    const k = liveKeys(prefix, runId);
    const snapshots = days.map((d) => day(rep, d));
    const series = seriesOf(snapshots[0]);
    const last = days[days.length - 1];
    return client.fold(
      k.band,
      k.reached,
      k.reps,
      k.counters,
      k.series,
      rep,
      encodeLiveSeries(series),
      JSON.stringify(foldRows(series, snapshots)),
      encodeReplicationState({ day: last, totalDays: 10, done }),
      JSON.stringify(snapshots[snapshots.length - 1].counters),
      600,
    );
  }

  async function band(runId: string) {
    const k = liveKeys(prefix, runId);
    const [series, hash] = await Promise.all([client.get(k.series), client.hgetall(k.band)]);
    const days = Object.entries(hash)
      .map(([d, v]) => [Number(d), JSON.parse(v) as number[]] as [number, number[]])
      .sort((a, b) => a[0] - b[0]);
    return bandSeries(decodeLiveSeries(series), days);
  }

  it('keeps n, mean, min and max of each day over the replications that reached it', async () => {
    const runId = randomUUID();
    await fold(runId, 0, [1, 2, 3]);
    await fold(runId, 1, [1, 2]);
    const [first] = await band(runId);
    expect(first).toMatchObject({ area: 'area-0', function: 'acute' });
    expect(first.points.map((p) => [p.day, p.n, p.mean, p.min, p.max, p.capacity])).toEqual([
      [1, 2, (inUse(0, 1, 0) + inUse(1, 1, 0)) / 2, inUse(0, 1, 0), inUse(1, 1, 0), 200],
      [2, 2, (inUse(0, 2, 0) + inUse(1, 2, 0)) / 2, inUse(0, 2, 0), inUse(1, 2, 0), 200],
      [3, 1, inUse(0, 3, 0), inUse(0, 3, 0), inUse(0, 3, 0), 200],
    ]);
  });

  it('counts a retried replication once: days it reported before are skipped', async () => {
    const runId = randomUUID();
    expect(await fold(runId, 0, [1, 2, 3, 4])).toBe(4);
    // The worker died; another attempt starts again from day 1 and goes further.
    expect(await fold(runId, 0, [1, 2])).toBe(4);
    expect(await fold(runId, 0, [3, 4, 5, 6])).toBe(6);
    const [first] = await band(runId);
    expect(first.points.map((p) => p.n)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(first.points.map((p) => p.mean)).toEqual([1, 2, 3, 4, 5, 6].map((d) => inUse(0, d, 0)));
  });

  it('never leaves a gap: days after a missing one wait until it comes', async () => {
    const runId = randomUUID();
    await fold(runId, 0, [1, 2]);
    expect(await fold(runId, 0, [4, 5])).toBe(2);
    expect(await fold(runId, 0, [3, 4, 5])).toBe(5);
    expect((await band(runId))[0].points.map((p) => p.day)).toEqual([1, 2, 3, 4, 5]);
  });

  it('numbers events strictly increasing, even after the counter key was lost', async () => {
    const key = liveKeys(prefix, randomUUID()).seq;
    const first = await client.nextSeq(key, Date.now() * 1000, 600);
    const second = await client.nextSeq(key, Date.now() * 1000, 600);
    expect(second).toBe(first + 1);
    await client.del(key); // e.g. a Redis restarted without persistence
    await new Promise((r) => setTimeout(r, 5)); // the floor moves on with the clock (1000 numbers per ms)
    const third = await client.nextSeq(key, Date.now() * 1000, 600);
    expect(third).toBeGreaterThan(second);
  });

  /** The fan-out's one read: 'delta' from a cursor and left-over days, or 'all'. */
  async function read(
    runId: string,
    cursor?: { taken: Record<string, number>; leftover: number[]; most: number },
  ) {
    const k = liveKeys(prefix, runId);
    const [reached, , , , pending, values, seq] = await client.liveRead(
      k.reached,
      k.reps,
      k.counters,
      k.series,
      k.band,
      k.seq,
      cursor ? 'delta' : 'all',
      JSON.stringify(cursor?.taken ?? {}),
      JSON.stringify(cursor?.leftover ?? []),
      cursor?.most ?? 0,
      Date.now() * 1000,
      600,
    );
    return { reached, pending: pending.map(Number), values, seq };
  }

  it('reads in one call only the band days new past the fan-out cursor, its left-over days, and the next seq', async () => {
    const runId = randomUUID();
    await fold(runId, 0, [1, 2, 3, 4, 5]);
    await fold(runId, 1, [1, 2]);
    const all = await read(runId);
    expect(all.pending.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(all.values).toHaveLength(5);
    // Replication 0 taken up to day 3, replication 1 up to day 2, day 2 left over from the last message.
    const delta = await read(runId, { taken: { '0': 3, '1': 2 }, leftover: [2], most: 2 });
    expect(delta.pending).toEqual([2, 4, 5]);
    expect(delta.values).toHaveLength(2); // the first `most` pending days
    expect(JSON.parse(delta.values[0] as string)[0]).toBe(2); // day 2: both replications
    expect(delta.seq).toBeGreaterThan(all.seq);
    const none = await read(runId, { taken: { '0': 5, '1': 2 }, leftover: [], most: 10 });
    expect([none.pending, none.values]).toEqual([[], []]);
  });
});
