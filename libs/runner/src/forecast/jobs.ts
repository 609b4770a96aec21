// The forecast job's queue contract (api producer, worker consumer), beside the runs' in ../jobs.ts:
// a queue of its own so a forecast never waits behind a year-long run's replications for a
// job slot (its replications still share the worker's thread pool).
import type { CensusRow, Forecast } from '@caretwin/contracts';
import { RETRY_BACKOFF_MS, type PackedJson } from '../jobs';
import type { RunInput } from '../run-input';

export const FORECASTS_QUEUE = 'forecasts';
export const JOB_FORECAST = 'forecast';

/**
 * One job id per census date: adding a forecast of a date already queued or running is a no-op
 * (at most one in flight per date). A completed job is kept a day (an api that was down stores its
 * forecast from it); the api removes a finished job before it asks for the date again.
 */
export function forecastJobId(censusDate: string): string {
  return `forecast_${censusDate}`;
}

export interface ForecastJobData {
  /** the forecast's id, chosen by the api when it asked */
  id: string;
  censusDate: string;
  start: CensusRow[];
  input: RunInput;
  replications: number;
  seed: number;
  /** 'auto' after a complete day of reports, 'manual' from POST /api/forecasts */
  trigger: 'auto' | 'manual';
  /** principal id of a manual request, null for an automatic one */
  requestedBy: string | null;
  requestedAt: string;
}

/** The job's return value: the forecast, and the request's trigger and requester echoed for the store. */
export interface ForecastJobResult {
  forecast: PackedJson<Forecast>;
  trigger: 'auto' | 'manual';
  requestedBy: string | null;
  durationMs: number;
}

/** Whether a job's return value (as BullMQ hands it back) is a forecast job's result. */
export function isForecastJobResult(value: unknown): value is ForecastJobResult {
  return typeof value === 'object' && value !== null && 'forecast' in value;
}

export interface ForecastJobOptions {
  jobId: string;
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  removeOnComplete: { age: number };
  removeOnFail: boolean;
}

/**
 * How long a completed forecast job (its return value: the forecast) stays in Redis: an api that
 * was down when the worker finished stores it from there when it starts (a day is ample; an older
 * forecast has been overtaken by the next day's anyway).
 */
export const FORECAST_KEEP_COMPLETED_S = 24 * 3600;

/** The job as handed to BullMQ's Queue.add(name, data, opts). */
export function forecastJob(
  data: ForecastJobData,
  attempts: number,
): { name: typeof JOB_FORECAST; data: ForecastJobData; opts: ForecastJobOptions } {
  return {
    name: JOB_FORECAST,
    data,
    opts: {
      jobId: forecastJobId(data.censusDate),
      attempts,
      backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
      // The api takes the forecast from the 'completed' event (its return value travels in it),
      // or, when no api was up to hear it, from the completed job at its next start.
      removeOnComplete: { age: FORECAST_KEEP_COMPLETED_S },
      removeOnFail: true,
    },
  };
}
