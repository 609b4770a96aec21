// The store is the source of truth: at start-up, whenever Redis (re)connects and at a steady
// interval, every run whose queue side may disagree with it is brought in line — accepted runs
// whose jobs are missing are enqueued again with the same job ids, finished ones cleaned up.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { API_REDIS } from '../queue/queue.tokens';
import { RunLifecycleService } from './run-lifecycle.service';

@Injectable()
export class RunReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun: 'none' | 'unsynced' | 'all' = 'none';
  private readonly onReady = (): void => this.kick(true);

  constructor(
    private readonly lifecycle: RunLifecycleService,
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.redis.on('ready', this.onReady);
    if (this.redis.status === 'ready') this.kick(true);
    this.timer = setInterval(() => this.kick(true), this.lifecycle.reconcileIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
  }

  /** Requests a pass; passes never overlap (one more runs after the current if asked). */
  kick(all: boolean): void {
    if (this.redis.status !== 'ready') return;
    if (this.running) {
      this.rerun = all || this.rerun === 'all' ? 'all' : 'unsynced';
      return;
    }
    this.running = this.pass(all).finally(() => {
      this.running = undefined;
      const again = this.rerun;
      this.rerun = 'none';
      if (again !== 'none') this.kick(again === 'all');
    });
  }

  /** Waits for the current pass (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pass(all: boolean): Promise<void> {
    const runs = this.lifecycle.toReconcile(all);
    if (runs.length === 0) return;
    this.logger.debug({ runs: runs.length }, 'reconciling runs with the queue');
    for (const run of runs) {
      if (this.redis.status !== 'ready') return;
      await this.lifecycle.sync(run.id);
    }
  }
}
