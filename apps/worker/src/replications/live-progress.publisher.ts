// Publishes live progress of the replications this worker runs: every simulated day is folded
// into the run's band in Redis (FOLD_DAYS_LUA), then the run id is announced on the live
// channel for the api to relay. Folding is batched worker-wide every PROGRESS_INTERVAL_MS; days
// not yet folded (Redis away) are kept and folded on the next pass, so the band has no gaps.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { DaySnapshot } from '@caretwin/contracts';
import type { AppConfig, Logger } from '@caretwin/config';
import {
  FOLD_DAYS_LUA,
  encodeLiveSeries,
  encodeReplicationState,
  foldRows,
  liveChannel,
  liveKeys,
  seriesOf,
  type ReplicationProgress,
  type SeriesId,
} from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER, WORKER_REDIS } from '../config/config.tokens';

interface Pending {
  runId: string;
  replication: number;
  series?: SeriesId[];
  /** days reported and not folded yet, ascending */
  days: DaySnapshot[];
  day: number;
  totalDays: number;
  done: boolean;
  /** something to write (days, or the replication's day / done flag) */
  dirty: boolean;
}

type FoldingRedis = Redis & {
  caretwinFoldDays(...args: Array<string | number>): Promise<number>;
};

const FINISH_TIMEOUT_MS = 5000;

@Injectable()
export class LiveProgressPublisher implements OnApplicationShutdown {
  private readonly pending = new Map<string, Pending>();
  private readonly redis: FoldingRedis;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** fold calls that reached Redis (the worker's live-progress messages, for /metrics) */
  folds = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @Inject(WORKER_REDIS) redis: Redis,
  ) {
    redis.defineCommand('caretwinFoldDays', { numberOfKeys: 5, lua: FOLD_DAYS_LUA });
    this.redis = redis as FoldingRedis;
  }

  /** Days a replication completed since its last report (the pool hands each day exactly once). */
  report(runId: string, progress: ReplicationProgress): void {
    const entry = this.entry(runId, progress.replicationIndex);
    if (progress.snapshots.length > 0) {
      entry.series ??= seriesOf(progress.snapshots[0]);
      entry.days.push(...progress.snapshots);
    }
    entry.day = progress.day;
    entry.totalDays = progress.totalDays;
    entry.dirty = true;
    this.schedule();
  }

  /** The replication finished: its last days and done flag are written before the job completes. */
  async finish(runId: string, replication: number, totalDays: number): Promise<void> {
    const entry = this.entry(runId, replication);
    entry.day = totalDays;
    entry.totalDays = totalDays;
    entry.done = true;
    entry.dirty = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, FINISH_TIMEOUT_MS)));
    await Promise.race([this.flushNow(), timeout]).finally(() => clearTimeout(timer));
    if (entry.dirty)
      this.logger.warn(
        { runId, replication },
        'live progress of a finished replication not written (Redis away)',
      );
    this.pending.delete(keyOf(runId, replication));
  }

  /** The replication stopped (cancelled, handed back, failed): nothing more to publish for it. */
  discard(runId: string, replication: number): void {
    this.pending.delete(keyOf(runId, replication));
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private entry(runId: string, replication: number): Pending {
    const key = keyOf(runId, replication);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { runId, replication, days: [], day: 0, totalDays: 0, done: false, dirty: false };
      this.pending.set(key, entry);
    }
    return entry;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flushNow();
    }, this.config.worker.progressIntervalMs);
  }

  /** One pass at a time; a pass asked for during another runs right after it (flush never throws). */
  private flushNow(): Promise<void> {
    const next = this.chain.then(() => this.flush());
    this.chain = next;
    return next;
  }

  private async flush(): Promise<void> {
    const runs = new Set<string>();
    const ttl = this.config.live.retentionS;
    for (const entry of [...this.pending.values()]) {
      if (!entry.dirty) continue;
      const series = entry.series ?? [];
      const days = entry.days.slice(); // more may arrive while the fold is in flight
      const keys = liveKeys(this.config.redis.prefix, entry.runId);
      const last = days.length > 0 ? days[days.length - 1] : undefined;
      try {
        entry.dirty = false;
        await this.redis.caretwinFoldDays(
          keys.band,
          keys.reached,
          keys.reps,
          keys.counters,
          keys.series,
          entry.replication,
          encodeLiveSeries(series),
          JSON.stringify(foldRows(series, days)),
          encodeReplicationState(entry),
          last ? JSON.stringify(last.counters) : '',
          ttl,
        );
        this.folds++;
        entry.days = entry.days.slice(days.length);
        runs.add(entry.runId);
      } catch (error) {
        entry.dirty = true; // kept, folded on the next pass
        this.logger.debug(
          { runId: entry.runId, replication: entry.replication, err: (error as Error).message },
          'live progress not written yet',
        );
      }
    }
    for (const runId of runs)
      await this.redis.publish(liveChannel(this.config.redis.prefix), runId).catch(() => undefined);
    if ([...this.pending.values()].some((e) => e.dirty)) this.schedule();
  }
}

const keyOf = (runId: string, replication: number): string => `${runId}_r${replication}`;
