// Readiness: the api can serve its use cases when Redis (the queue, live progress) and the store
// answer. Each check is bounded in time so /ready never hangs while Redis is away.
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { API_REDIS } from '../queue/queue.tokens';
import { withTimeout } from '../queue/with-timeout';
import { RunsRepository } from '../store/runs.repository';

const CHECK_TIMEOUT_MS = 1000;

export interface CheckResult {
  ok: boolean;
  /** why it is not ok */
  reason?: string;
  latencyMs?: number;
}

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: { redis: CheckResult; store: CheckResult };
}

@Injectable()
export class ReadinessService {
  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    private readonly runs: RunsRepository,
  ) {}

  async check(): Promise<Readiness> {
    const [redis, store] = await Promise.all([this.checkRedis(), Promise.resolve(this.checkStore())]);
    return { status: redis.ok && store.ok ? 'ready' : 'unavailable', checks: { redis, store } };
  }

  private async checkRedis(): Promise<CheckResult> {
    // The client does not queue commands while disconnected: say so rather than wait.
    if (this.redis.status !== 'ready')
      return { ok: false, reason: `Redis is not connected (${this.redis.status})` };
    const started = Date.now();
    try {
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'PING');
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      return { ok: false, reason: `Redis did not answer PING: ${(error as Error).message}` };
    }
  }

  private checkStore(): CheckResult {
    const started = Date.now();
    try {
      this.runs.ping();
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      return { ok: false, reason: `the store did not answer: ${(error as Error).message}` };
    }
  }
}
