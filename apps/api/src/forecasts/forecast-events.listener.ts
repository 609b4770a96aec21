// The forecasts queue's event stream, seen by the api: a completed job carries its forecast in
// the return value (the job itself is removed on completion), which the service stores and
// publishes. Decorated as a @QueueEventsListener at boot (ForecastsModule.forRoot).
import { Inject, Injectable } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost } from '@nestjs/bullmq';
import type { Logger } from '@caretwin/config';
import { isForecastJobResult } from '@caretwin/runner';
import { APP_LOGGER } from '../config/config.tokens';
import { ForecastsService } from './forecasts.service';

@Injectable()
export class ForecastEventsListener extends QueueEventsHost {
  constructor(
    private readonly forecasts: ForecastsService,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void {
    let value: unknown = returnvalue;
    if (typeof returnvalue === 'string') {
      try {
        value = JSON.parse(returnvalue) as unknown;
      } catch {
        value = undefined;
      }
    }
    if (!isForecastJobResult(value)) {
      this.logger.warn({ jobId }, 'forecast job completed without a forecast');
      return;
    }
    void this.forecasts.completed(value);
  }

  @OnQueueEvent('failed')
  onFailed({ jobId, failedReason }: { jobId: string; failedReason: string }): void {
    this.logger.error({ jobId, reason: failedReason }, 'forecast job failed');
  }

  @OnQueueEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'forecast queue events connection error');
  }
}
