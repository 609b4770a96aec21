// One forecast job: the census date's start state and the base scenario (both in the job, put
// there by the api) carried forward 14 days on the worker's replication pool — the threads the
// runs' replications use, so a forecast takes its turn with them rather than a core of its own.
import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import type { Logger } from '@caretwin/config';
import {
  ReplicationFailedError,
  ReplicationPool,
  packJson,
  runForecast,
  type ForecastJobData,
  type ForecastJobResult,
} from '@caretwin/runner';
import { APP_LOGGER } from '../config/config.tokens';
import { WorkerLifecycle } from '../replications/worker-lifecycle';

/** What the api put in the job, checked before anything runs (a bad job must not be retried). */
export function parseForecastJobData(data: unknown): ForecastJobData {
  const d = data as Partial<ForecastJobData> | null;
  const ok =
    typeof d === 'object' &&
    d !== null &&
    typeof d.id === 'string' &&
    typeof d.censusDate === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(d.censusDate) &&
    Array.isArray(d.start) &&
    typeof d.input === 'object' &&
    d.input !== null &&
    Number.isInteger(d.replications) &&
    (d.replications ?? 0) >= 1 &&
    Number.isInteger(d.seed);
  if (!ok) throw new UnrecoverableError('forecast job data is not a ForecastJobData');
  return d as ForecastJobData;
}

@Injectable()
export class ForecastJobService {
  constructor(
    private readonly pool: ReplicationPool,
    private readonly lifecycle: WorkerLifecycle,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async run(job: Job): Promise<ForecastJobResult> {
    const data = parseForecastJobData(job.data);
    const log = this.logger.child({ forecastId: data.id, censusDate: data.censusDate, jobId: job.id });
    const started = performance.now();
    log.info({ replications: data.replications, trigger: data.trigger }, 'forecast started');
    try {
      const forecast = await runForecast(
        {
          input: data.input,
          censusDate: data.censusDate,
          start: data.start,
          replications: data.replications,
          seed: data.seed,
          id: data.id,
          createdAt: new Date().toISOString(),
        },
        // Shutting down: the replications stop and the job fails this try; BullMQ retries it.
        { pool: this.pool, signal: this.lifecycle.stopping },
      );
      const durationMs = Math.round(performance.now() - started);
      log.info({ durationMs }, 'forecast finished');
      return {
        forecast: packJson(forecast),
        trigger: data.trigger,
        requestedBy: data.requestedBy ?? null,
        durationMs,
      };
    } catch (error) {
      if (error instanceof ReplicationFailedError || error instanceof RangeError) {
        log.error({ err: error }, 'forecast failed in the model');
        throw new UnrecoverableError(error instanceof ReplicationFailedError ? error.reason : error.message);
      }
      throw error;
    }
  }
}
