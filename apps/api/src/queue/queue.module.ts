import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnectionOptions, type AppConfig, type Logger } from '@caretwin/config';
import { EVENTS_MAX_LEN, REPLICATIONS_QUEUE } from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { LiveStateStore } from './live-state.store';
import { API_REDIS } from './queue.tokens';
import { RedisSettingsCheck } from './redis-settings.check';
import { RUN_FLOW_PRODUCER, RunQueue } from './run-queue';

@Module({})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(API_REDIS) private readonly redis: Redis) {}

  static forRoot(config: AppConfig): DynamicModule {
    const redis = redisConnectionOptions(config.redis.url);
    // Producers fail fast instead of queueing commands while Redis is away (the store keeps
    // accepted runs; the reconciler enqueues them when Redis is back).
    const producer = { ...redis, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          connection: { ...redis, maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        BullModule.registerQueue({
          name: REPLICATIONS_QUEUE,
          connection: producer,
          prefix: config.redis.prefix,
          streams: { events: { maxLen: EVENTS_MAX_LEN } },
        }),
        BullModule.registerFlowProducer({ name: RUN_FLOW_PRODUCER, connection: producer }), // prefix from forRoot
      ],
      providers: [
        RunQueue,
        RedisSettingsCheck,
        LiveStateStore,
        {
          provide: API_REDIS,
          inject: [APP_CONFIG, APP_LOGGER],
          useFactory: (c: AppConfig, logger: Logger): Redis => {
            const client = new Redis({
              ...redisConnectionOptions(c.redis.url),
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
            });
            let up = false;
            client.on('ready', () => {
              up = true;
              logger.info('redis connected');
            });
            client.on('error', (error: Error) => {
              if (up) logger.warn({ err: error.message }, 'redis connection lost');
              up = false;
            });
            return client;
          },
        },
      ],
      exports: [RunQueue, RedisSettingsCheck, LiveStateStore, API_REDIS, BullModule],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
