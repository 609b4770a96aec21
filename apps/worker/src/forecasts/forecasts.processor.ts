// The processor of the forecasts queue (a queue of its own beside the runs' replications: a
// forecast never waits for a job slot behind a long run's replications).
import { Injectable } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JOB_FORECAST, type ForecastJobResult } from '@caretwin/runner';
import { ForecastJobService } from './forecast-job.service';

@Injectable()
export class ForecastsProcessor extends WorkerHost {
  constructor(private readonly forecasts: ForecastJobService) {
    super();
  }

  async process(job: Job): Promise<ForecastJobResult> {
    if (job.name !== JOB_FORECAST) throw new UnrecoverableError(`unknown job name "${job.name}"`);
    return this.forecasts.run(job);
  }
}
