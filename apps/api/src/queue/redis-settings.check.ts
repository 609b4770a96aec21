// Warns at start-up (and on each reconnect) when Redis could lose queued work: an eviction
// policy other than noeviction drops job keys under memory pressure; without AOF or RDB
// snapshots a Redis restart forgets every queued replication (the store re-enqueues accepted
// runs, but work in flight is redone).
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { API_REDIS } from './queue.tokens';

export interface RedisSettingsReport {
  maxmemoryPolicy: string | null;
  aof: boolean | null;
  rdb: boolean | null;
  warnings: string[];
}

function infoField(info: string, field: string): string | null {
  const match = new RegExp(`^${field}:(.*)$`, 'm').exec(info);
  return match ? match[1].trim() : null;
}

@Injectable()
export class RedisSettingsCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly onReady = (): void => void this.check().catch(() => undefined);

  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.redis.on('ready', this.onReady);
    if (this.redis.status === 'ready') this.onReady();
  }

  onApplicationShutdown(): void {
    this.redis.off('ready', this.onReady);
  }

  async check(): Promise<RedisSettingsReport> {
    const memory = await this.redis.info('memory');
    const persistence = await this.redis.info('persistence');
    const maxmemoryPolicy = infoField(memory, 'maxmemory_policy');
    const aofField = infoField(persistence, 'aof_enabled');
    const aof = aofField === null ? null : aofField === '1';
    // INFO does not show the RDB save rules; CONFIG may be disabled on managed Redis.
    const rdb = await this.redis.config('GET', 'save').then(
      (save) => {
        const rules = (save as string[])[1];
        return typeof rules === 'string' && rules.trim() !== '';
      },
      () => null,
    );
    const warnings: string[] = [];
    if (maxmemoryPolicy !== null && maxmemoryPolicy !== 'noeviction')
      warnings.push(
        `Redis maxmemory-policy is ${maxmemoryPolicy}: set it to noeviction, or queued jobs may be evicted`,
      );
    if (aof === false && rdb !== true)
      warnings.push(
        'Redis has no persistence (appendonly no, no save rules): a Redis restart loses queued work in flight',
      );
    for (const warning of warnings) this.logger.warn({ maxmemoryPolicy, aof, rdb }, warning);
    return { maxmemoryPolicy, aof, rdb, warnings };
  }
}
