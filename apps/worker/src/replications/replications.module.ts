import { BullModule, Processor } from '@nestjs/bullmq';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnectionOptions, type AppConfig } from '@caretwin/config';
import { EVENTS_MAX_LEN, REPLICATIONS_QUEUE, ReplicationPool } from '@caretwin/runner';
import { APP_CONFIG, WORKER_REDIS } from '../config/config.tokens';
import { AggregateJobService } from './aggregate-job.service';
import { CancelFlags } from './cancel-flags';
import { LiveProgressPublisher } from './live-progress.publisher';
import { ReplicationJobService } from './replication-job.service';
import { ReplicationsProcessor } from './replications.processor';
import { RunInputCache } from './run-input.cache';
import { WorkerLifecycle } from './worker-lifecycle';
import { WorkerStatsReporter } from './worker-stats.reporter';

@Module({})
export class ReplicationsModule implements OnApplicationShutdown {
  constructor(
    private readonly pool: ReplicationPool,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.pool.destroy();
  }

  static forRoot(config: AppConfig): DynamicModule {
    // Worker options come from the settings parsed at boot; the decorator records them.
    Processor(REPLICATIONS_QUEUE, {
      // One job per pool thread: each replication holds a thread, the parent job is short.
      concurrency: config.worker.threads,
      lockDuration: config.worker.lockDurationMs,
      stalledInterval: config.worker.stalledIntervalMs,
      maxStalledCount: config.worker.maxStalledCount,
      name: `${process.pid}`,
    })(ReplicationsProcessor);
    return {
      module: ReplicationsModule,
      imports: [
        BullModule.registerQueue({
          name: REPLICATIONS_QUEUE,
          streams: { events: { maxLen: EVENTS_MAX_LEN } },
        }),
      ],
      providers: [
        ReplicationsProcessor,
        ReplicationJobService,
        AggregateJobService,
        RunInputCache,
        CancelFlags,
        WorkerLifecycle,
        LiveProgressPublisher,
        WorkerStatsReporter,
        {
          provide: ReplicationPool,
          useFactory: () =>
            new ReplicationPool({
              threads: config.worker.threads,
              progressIntervalMs: config.worker.progressIntervalMs,
              nice: config.worker.nice,
            }),
        },
        {
          provide: WORKER_REDIS,
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => {
            // Fails fast while Redis is away (a cancel check then simply says "not cancelled").
            const redis = new Redis({
              ...redisConnectionOptions(c.redis.url),
              maxRetriesPerRequest: 1,
              enableOfflineQueue: false,
            });
            redis.on('error', () => undefined); // reconnects by itself; BullMQ's worker logs the outage
            return redis;
          },
        },
      ],
      exports: [ReplicationsProcessor, ReplicationPool, WorkerLifecycle, WORKER_REDIS],
    };
  }
}
