// Adapter around a run's live state in Redis (written by workers, libs/runner live.ts): what
// each replication reported, the band accumulated per day, the run's sequence numbers, and the
// workers' heartbeat figures. Every call is bounded in time (Redis may be away). The fan-out
// reads everything a message needs in one script call (`read`); the progress recorder and
// GET /api/runs/:id read the replications' progress (`progress`).
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@caretwin/config';
import type { ReplicationProgress, RunCounters } from '@caretwin/contracts';
import {
  LIVE_READ_LUA,
  decodeLiveSeries,
  decodeReplicationState,
  liveKeys,
  workerStatsKey,
  workersIndexKey,
  type BandDays,
  type SeriesId,
} from '@caretwin/runner';
import { APP_CONFIG } from '../config/config.tokens';
import { API_REDIS } from './queue.tokens';
import { withTimeout } from './with-timeout';

const CALL_TIMEOUT_MS = 2000;

/** What the workers reported about a run's replications. */
export interface LiveProgress {
  /** replication → last day folded into the band */
  reached: Map<number, number>;
  replications: ReplicationProgress[];
  /** the latest running counters of each replication that reported */
  counters: RunCounters[];
}

export type { BandDays };

/** One read for the fan-out: the run's progress, band days, and the seq its message takes. */
export interface LiveReading extends LiveProgress {
  series: SeriesId[];
  /** 'delta': every day pending (new past the cursor, or left over), ascending; 'all': every band day */
  pending: number[];
  /** accumulators of the first pending days asked for ('all': of every day) */
  days: BandDays;
  seq: number;
}

/** What a 'delta' read starts from: the fan-out's cursor. */
export interface DeltaCursor {
  /** replication → last band day taken into a message (or left over) */
  taken: Map<number, number>;
  /** days taken but not sent yet (they did not fit) */
  leftover: number[];
  /** the most band days to return */
  most: number;
}

type ReadReply = [string[], string[], string[], string | null, string[], Array<string | null>, number];

/** A worker's heartbeat figures (strings as stored; the metrics module reads the numbers). */
export type WorkerStats = Record<string, string>;

type SequencingRedis = Redis & {
  caretwinLiveRead(...args: Array<string | number>): Promise<ReadReply>;
};

/** A flat [field, value, …] reply as an object. */
function pairs(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}

function parseHash<T>(hash: Record<string, string>, decode: (index: number, value: string) => T): T[] {
  return Object.entries(hash)
    .map(([field, value]) => [Number(field), value] as const)
    .filter(([index]) => Number.isInteger(index) && index >= 0)
    .sort((a, b) => a[0] - b[0])
    .map(([index, value]) => decode(index, value));
}

function parseDays(entries: Array<[string, string | null]>): BandDays {
  const out: BandDays = [];
  for (const [field, value] of entries) {
    const day = Number(field);
    if (!value || !Number.isInteger(day)) continue;
    const acc = JSON.parse(value) as unknown;
    if (Array.isArray(acc) && acc.every((x) => typeof x === 'number')) out.push([day, acc as number[]]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function toProgress(
  reps: Record<string, string>,
  counters: Record<string, string>,
  reached: Record<string, string>,
): LiveProgress {
  return {
    reached: new Map(parseHash(reached, (index, value) => [index, Number(value)] as const)),
    replications: parseHash(reps, decodeReplicationState),
    counters: parseHash(counters, (_i, value) => JSON.parse(value) as RunCounters),
  };
}

/** ioredis answers [error, value] pairs for MULTI / pipelines; the first error is thrown. */
function results(replies: Array<[Error | null, unknown]> | null): unknown[] {
  if (!replies) throw new Error('Redis transaction aborted');
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

@Injectable()
export class LiveStateStore {
  private readonly redis: SequencingRedis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(API_REDIS) redis: Redis,
  ) {
    redis.defineCommand('caretwinLiveRead', { numberOfKeys: 6, lua: LIVE_READ_LUA });
    this.redis = redis as SequencingRedis;
  }

  private keys(runId: string) {
    return liveKeys(this.config.redis.prefix, runId);
  }

  async progress(runId: string): Promise<LiveProgress> {
    const k = this.keys(runId);
    const replies = await withTimeout(
      this.redis.pipeline().hgetall(k.reps).hgetall(k.counters).hgetall(k.reached).exec(),
      CALL_TIMEOUT_MS,
      'read live progress',
    );
    const [reps, counters, reached] = results(replies) as Array<Record<string, string>>;
    return toProgress(reps, counters, reached);
  }

  /**
   * Everything one fan-out message needs, in one script call (atomic: no worker writes in
   * between), and the next seq. `cursor` absent: a snapshot's read (every band day).
   */
  async read(runId: string, cursor?: DeltaCursor): Promise<LiveReading> {
    const k = this.keys(runId);
    const taken: Record<string, number> = {};
    for (const [replication, day] of cursor?.taken ?? []) taken[String(replication)] = day;
    const reply = await withTimeout(
      this.redis.caretwinLiveRead(
        k.reached,
        k.reps,
        k.counters,
        k.series,
        k.band,
        k.seq,
        cursor ? 'delta' : 'all',
        JSON.stringify(taken),
        JSON.stringify(cursor?.leftover ?? []),
        cursor?.most ?? 0,
        Date.now() * 1000,
        this.config.live.retentionS,
      ),
      CALL_TIMEOUT_MS,
      'read live state',
    );
    const [reached, reps, counters, series, pending, values, seq] = reply;
    return {
      ...toProgress(pairs(reps), pairs(counters), pairs(reached)),
      series: decodeLiveSeries(series),
      pending: pending.map(Number),
      days: parseDays(values.map((value, i) => [pending[i], value])),
      seq: Number(seq),
    };
  }

  /** A finished run's live state stays for LIVE_RETENTION_S (snapshots of finished runs). */
  async retain(runId: string): Promise<void> {
    const ttl = this.config.live.retentionS;
    const k = this.keys(runId);
    const pipeline = this.redis.pipeline();
    for (const key of Object.values(k)) pipeline.expire(key, ttl);
    await withTimeout(pipeline.exec(), CALL_TIMEOUT_MS, 'keep live state');
  }

  /** Figures of the workers that wrote a heartbeat recently (3 stats intervals); older ones are dropped. */
  async workerStats(): Promise<WorkerStats[]> {
    const index = workersIndexKey(this.config.redis.prefix);
    const since = Date.now() - 3 * this.config.worker.statsIntervalMs;
    await withTimeout(
      this.redis.zremrangebyscore(index, '-inf', `(${since}`),
      CALL_TIMEOUT_MS,
      'drop stale workers',
    );
    const ids = await withTimeout(this.redis.zrange(index, '0', '-1'), CALL_TIMEOUT_MS, 'list workers');
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(workerStatsKey(this.config.redis.prefix, id));
    const replies = results(
      await withTimeout(pipeline.exec(), CALL_TIMEOUT_MS, 'read worker figures'),
    ) as WorkerStats[];
    return replies.filter((stats) => Object.keys(stats).length > 0);
  }
}
