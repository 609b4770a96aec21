// Retention in the api (RETENTION_DAYS): every RETENTION_INTERVAL_MS (and shortly after start)
// finished runs older than the cut-off lose their replications and daily series
// (@caretwin/store RetentionRepository; `caretwin store prune` does the same from the CLI). A
// few runs per transaction, the event loop free in between, timers unref'd (never what keeps a
// process alive). Also answers whether a run was pruned, for GET /api/runs/:id and its result.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import type { Estimate, RunView } from '@caretwin/contracts';
import { RetentionRepository, retentionCutoff, type Db, type PruneResult } from '@caretwin/store';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { DATABASE } from '../store/store.tokens';

/** Runs pruned per batch; one transaction each, the event loop free between batches. */
const BATCH = 10;
const FIRST_PASS_DELAY_MS = 2000;

@Injectable()
export class RunRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly repository: RetentionRepository;
  private timers: NodeJS.Timeout[] = [];
  private pruning: Promise<PruneResult> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @Inject(DATABASE) db: Db,
  ) {
    this.repository = new RetentionRepository(db);
  }

  onApplicationBootstrap(): void {
    const { days, intervalMs } = this.config.retention;
    if (days === 0) {
      this.logger.info('retention off (RETENTION_DAYS=0): runs keep their replications');
      return;
    }
    const pass = (): void =>
      void this.prune().catch((error: Error) => this.logger.warn({ err: error.message }, 'prune failed'));
    const first = setTimeout(pass, FIRST_PASS_DELAY_MS);
    const every = setInterval(pass, intervalMs);
    first.unref();
    every.unref();
    this.timers = [first, every];
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** One pass over everything older than RETENTION_DAYS (a pass already under way is joined). */
  prune(now = new Date()): Promise<PruneResult> {
    this.pruning ??= this.pass(now).finally(() => (this.pruning = undefined));
    return this.pruning;
  }

  private async pass(now: Date): Promise<PruneResult> {
    const finishedBefore = retentionCutoff(now, this.config.retention.days);
    const total: PruneResult = { runs: 0, replications: 0, bytes: 0 };
    for (;;) {
      const batch = this.repository.prune({ finishedBefore, at: new Date().toISOString(), limit: BATCH });
      total.runs += batch.runs;
      total.replications += batch.replications;
      total.bytes += batch.bytes;
      if (batch.runs < BATCH) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (total.runs > 0)
      this.logger.info(
        { ...total, finishedBefore, retentionDays: this.config.retention.days },
        'runs pruned',
      );
    return total;
  }

  prunedAt(id: string): string | null {
    return this.repository.prunedAt(id);
  }

  /** The view with `pruned` (when and the kept KPIs) when the run was pruned. */
  withPruned(view: RunView): RunView {
    const at = this.repository.prunedAt(view.id);
    if (!at) return view;
    const kpis = this.repository.keptKpis(view.id);
    return {
      ...view,
      links: { ...view.links, result: null },
      pruned: { at, kpis: kpis ? (JSON.parse(kpis) as Record<string, Estimate>) : {} },
    };
  }
}
