// Reads the cancel flag the api sets in Redis (DELETE /api/runs/:id).
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@caretwin/config';
import { cancelFlagKey } from '@caretwin/runner';
import { APP_CONFIG, WORKER_REDIS } from '../config/config.tokens';

@Injectable()
export class CancelFlags {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
  ) {}

  async isCancelled(runId: string): Promise<boolean> {
    return (await this.redis.exists(cancelFlagKey(this.config.redis.prefix, runId))) === 1;
  }
}
