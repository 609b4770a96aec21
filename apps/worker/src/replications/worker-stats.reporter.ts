// This worker's figures for the api's /metrics (the api cannot scrape workers on other
// machines): written to a Redis hash with a TTL every WORKER_STATS_INTERVAL_MS, indexed in a
// sorted set by heartbeat time. Counters only grow for the life of the process.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import type { AppConfig } from '@caretwin/config';
import { ReplicationPool, workerStatsKey, workersIndexKey } from '@caretwin/runner';
import { APP_CONFIG, WORKER_REDIS } from '../config/config.tokens';
import { LiveProgressPublisher } from './live-progress.publisher';
import { WorkerLifecycle } from './worker-lifecycle';

export interface WorkerFigures {
  replicationsCompleted: number;
  replicationsFailed: number;
  /** wall time spent in completed replications */
  replicationSeconds: number;
  /** engine events processed by completed replications */
  simulationEvents: number;
}

@Injectable()
export class WorkerStatsReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly figures: WorkerFigures = {
    replicationsCompleted: 0,
    replicationsFailed: 0,
    replicationSeconds: 0,
    simulationEvents: 0,
  };
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
    private readonly pool: ReplicationPool,
    private readonly lifecycle: WorkerLifecycle,
    private readonly live: LiveProgressPublisher,
  ) {}

  recordReplication(durationMs: number, events: number): void {
    this.figures.replicationsCompleted++;
    this.figures.replicationSeconds += durationMs / 1000;
    this.figures.simulationEvents += events;
  }

  recordFailure(): void {
    this.figures.replicationsFailed++;
  }

  onApplicationBootstrap(): void {
    void this.write();
    this.timer = setInterval(() => void this.write(), this.config.worker.statsIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // Last figures, then off the index so /metrics stops listing this worker (Redis may be away).
    await this.write().catch(() => undefined);
    await this.redis
      .zrem(workersIndexKey(this.config.redis.prefix), this.lifecycle.workerId)
      .catch(() => undefined);
  }

  /** Never throws: a missed heartbeat only ages this worker's figures. */
  async write(): Promise<void> {
    const prefix = this.config.redis.prefix;
    const key = workerStatsKey(prefix, this.lifecycle.workerId);
    const now = Date.now();
    const ttlS = Math.ceil((3 * this.config.worker.statsIntervalMs) / 1000);
    try {
      await this.redis
        .multi()
        .hset(key, {
          worker: this.lifecycle.workerId,
          host: hostname(),
          pid: process.pid,
          threads: this.pool.threads,
          active: this.pool.pending,
          replicationsCompleted: this.figures.replicationsCompleted,
          replicationsFailed: this.figures.replicationsFailed,
          replicationSeconds: this.figures.replicationSeconds,
          simulationEvents: this.figures.simulationEvents,
          progressMessages: this.live.folds,
          uptimeSeconds: Math.round((now - this.startedAt) / 1000),
          updatedAt: now,
        })
        .expire(key, ttlS)
        .zadd(workersIndexKey(prefix), now, this.lifecycle.workerId)
        .exec();
    } catch {
      // Redis away: the next heartbeat writes the same counters, grown.
    }
  }
}
