// Watches the runs of workshops' variants (and baselines): every VARIANT_PROGRESS_INTERVAL_MS it
// asks the service to announce what changed of each variant not yet settled — its percent while
// it runs, its end, its comparison once completed. Polling the store (not this instance's
// in-process notices) lets any api instance announce a run another instance started, and lets
// a restarted api catch up with runs that ended while it was down; the store's conditional
// update makes each announcement go out once whichever instances watch.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@caretwin/config';
import { APP_LOGGER } from '../config/config.tokens';
import { RunOutcomes } from '../runs/run-outcomes';
import { VARIANT_PROGRESS_INTERVAL_MS, WorkshopsService } from './workshops.service';

@Injectable()
export class WorkshopWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private stop: (() => void) | undefined;
  private busy = false;
  private again = false;

  constructor(
    private readonly workshops: WorkshopsService,
    private readonly outcomes: RunOutcomes,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pass(), VARIANT_PROGRESS_INTERVAL_MS);
    this.timer.unref();
    // a run ended here: its workshops hear of it now rather than at the next pass
    this.stop = this.outcomes.onEnded(({ runId }) => {
      try {
        this.workshops.baselineEnded(runId);
      } catch (error) {
        this.logger.warn({ runId, err: (error as Error).message }, 'workshop baseline end not announced');
      }
      void this.pass();
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.stop?.();
  }

  private async pass(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      for (const variant of this.workshops.store.pendingVariants()) {
        try {
          await this.workshops.announceVariant(variant);
        } catch (error) {
          this.logger.warn(
            { variantId: variant.id, runId: variant.runId, err: (error as Error).message },
            'workshop variant not announced; next pass',
          );
        }
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'workshop watch pass failed');
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        void this.pass();
      }
    }
  }
}
