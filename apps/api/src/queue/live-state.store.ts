// Adapter around a run's live state in Redis (written by workers, libs/runner live.ts): what
// each replication reported, the band accumulated per day, the run's sequence numbers, and the
// workers' heartbeat figures. Every call is bounded in time (Redis may be away).
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@caretwin/config';
import type { ReplicationProgress, RunCounters } from '@caretwin/contracts';
import {
  NEXT_SEQ_LUA,
  decodeLiveSeries,
  decodeReplicationState,
  liveKeys,
  workerStatsKey,
  workersIndexKey,
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

/** Band accumulators of some days: [day, [n, sum₀, min₀, max₀, capacity₀, …]] ascending. */
export type BandDays = Array<[number, number[]]>;

export interface LiveReading extends LiveProgress {
  series: SeriesId[];
  days: BandDays;
}

/** A worker's heartbeat figures (strings as stored; the metrics module reads the numbers). */
export type WorkerStats = Record<string, string>;

type SequencingRedis = Redis & { caretwinNextSeq(key: string, floor: number, ttlS: number): Promise<number> };

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
    redis.defineCommand('caretwinNextSeq', { numberOfKeys: 1, lua: NEXT_SEQ_LUA });
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

  /** The band accumulators of `days` (those that exist) and the series they are ordered by. */
  async days(runId: string, days: number[]): Promise<{ series: SeriesId[]; days: BandDays }> {
    const k = this.keys(runId);
    if (days.length === 0)
      return {
        series: decodeLiveSeries(
          await withTimeout(this.redis.get(k.series), CALL_TIMEOUT_MS, 'read live series'),
        ),
        days: [],
      };
    const fields = days.map(String);
    const replies = await withTimeout(
      this.redis
        .pipeline()
        .get(k.series)
        .hmget(k.band, ...fields)
        .exec(),
      CALL_TIMEOUT_MS,
      'read live band',
    );
    const [series, values] = results(replies) as [string | null, Array<string | null>];
    return { series: decodeLiveSeries(series), days: parseDays(fields.map((f, i) => [f, values[i]])) };
  }

  /**
   * Everything at one instant (MULTI: no worker writes in between), for a snapshot. The band is
   * read after `reached` inside the transaction, so it holds at least every day `reached` names.
   */
  async all(runId: string): Promise<LiveReading> {
    const k = this.keys(runId);
    const replies = await withTimeout(
      this.redis
        .multi()
        .hgetall(k.reached)
        .hgetall(k.reps)
        .hgetall(k.counters)
        .get(k.series)
        .hgetall(k.band)
        .exec(),
      CALL_TIMEOUT_MS,
      'read live state',
    );
    const [reached, reps, counters, series, band] = results(replies) as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      string | null,
      Record<string, string>,
    ];
    return {
      ...toProgress(reps, counters, reached),
      series: decodeLiveSeries(series),
      days: parseDays(Object.entries(band)),
    };
  }

  /** The run's next event number: strictly increasing, across api restarts and a Redis that lost the key. */
  nextSeq(runId: string): Promise<number> {
    return withTimeout(
      this.redis.caretwinNextSeq(this.keys(runId).seq, Date.now() * 1000, this.config.live.retentionS),
      CALL_TIMEOUT_MS,
      'next event number',
    );
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
