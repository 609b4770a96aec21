// Limits (issue 17): rate limits per token on Redis (every api instance counts into the same
// windows), the run admission caps and budget, and retention of old runs' bulk.
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@caretwin/config';
import { APP_CONFIG } from '../config/config.tokens';
import { API_REDIS } from '../queue/queue.tokens';
import { ActiveRunsRepository } from './active-runs.repository';
import { ApiThrottlerGuard } from './api-throttler.guard';
import { rateLimitGroupOf, trackerKey, trackerOf, type RateLimitName } from './rate-limit';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RunAdmission } from './run-admission';
import { RunRetention } from './run-retention.service';

/** The limits of config `limits` as @nestjs/throttler options. */
export function throttlerOptions(config: AppConfig, redis: Redis): ThrottlerModuleOptions {
  const { limits } = config;
  const ttl = limits.rateWindowMs;
  // The tighter limits count only on their routes (@RateLimited), the default one everywhere.
  const onlyOn = (name: RateLimitName) => ({
    name,
    ttl,
    skipIf: (context: Parameters<typeof rateLimitGroupOf>[0]) => rateLimitGroupOf(context) !== name,
    // X-RateLimit-* headers for the default limit only; every 429 carries Retry-After.
    setHeaders: false,
  });
  return {
    storage: new RedisThrottlerStorage(redis, config.redis.prefix),
    getTracker: (req) => trackerOf(req as Parameters<typeof trackerOf>[0]),
    // One counter per token and limit, whatever the route (the base guard keys by route too);
    // the storage adds the limit's name.
    generateKey: (_context, tracker) => trackerKey(tracker),
    throttlers: [
      { name: 'default', ttl, limit: limits.rateRequests },
      { ...onlyOn('runs'), limit: limits.rateRuns },
      { ...onlyOn('validations'), limit: limits.rateValidations },
      { ...onlyOn('joins'), limit: limits.rateJoins },
    ],
  };
}

@Module({})
export class LimitsModule {
  /**
   * `queue` is the app's QueueModule (its Redis client). Import this module after the access
   * module: global guards run in the order they are registered, and the limits read the
   * principal the access guard sets.
   */
  static forRoot(queue: DynamicModule): DynamicModule {
    return {
      module: LimitsModule,
      global: true, // RunAdmission and RunRetention for the runs module
      imports: [
        queue,
        ThrottlerModule.forRootAsync({
          imports: [queue],
          inject: [APP_CONFIG, API_REDIS],
          useFactory: throttlerOptions,
        }),
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiThrottlerGuard },
        ActiveRunsRepository,
        RunAdmission,
        RunRetention,
      ],
      exports: [RunAdmission, RunRetention],
    };
  }
}
