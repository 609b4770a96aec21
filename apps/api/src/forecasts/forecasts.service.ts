// Forecasts in the api (docs/forecasting.md "Service"): asks the worker for one after each
// complete day of reports (CensusEvents) and on demand (POST /api/forecasts), at most one per
// census date in flight (the job id is the date's); stores what the worker returns once
// (whichever api instance's insert lands) and publishes it on the Now channel; answers the
// latest, as JSON, CSV or a FHIR Bundle.
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { AppConfig, Logger } from '@caretwin/config';
import { forecastBundle, forecastCsv, japanDate } from '@caretwin/census';
import type { CensusRow, Forecast } from '@caretwin/contracts';
import {
  FORECASTS_QUEUE,
  forecastJob,
  forecastJobId,
  isForecastJobResult,
  toRunInput,
  unpackJson,
  type ForecastJobData,
  type ForecastJobResult,
  type RunInput,
} from '@caretwin/runner';
import { ScenarioCatalog } from '@caretwin/scenario';
import { ForecastRepository, type Db } from '@caretwin/store';
import type { Principal } from '../access/principal';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { ApiError, RequestInvalidError, requestIssue } from '../errors/api-error';
import { CensusEvents } from '../census/census-events';
import { CensusService } from '../census/census.service';
import { NowPublisher } from '../census/now-publisher';
import { DATABASE } from '../store/store.tokens';
import type { ForecastAccepted } from './forecasts.dto';

/** No forecast has been made yet (or none of the asked area). */
export class NoForecastError extends ApiError {
  constructor() {
    super(404, 'NOT_FOUND', 'no forecast yet: one runs after the first complete day of census reports');
  }
}

/** Nothing to start from: no report on or in the 7 days before the census date. */
export class NoCensusError extends ApiError {
  constructor(date: string | null) {
    super(
      409,
      'NO_CENSUS',
      date === null
        ? 'no census reported yet: post a day of reports (POST /api/census) first'
        : `no census report on ${date} or in the 7 days before it`,
      date === null ? [] : [requestIssue('censusDate', `no report on or in the 7 days before ${date}`)],
    );
  }
}

const unavailable = (): never => {
  throw new ForecastQueueUnavailableError();
};

/** Redis (the queue) is away: nothing was queued; the client may try again. */
export class ForecastQueueUnavailableError extends ApiError {
  constructor() {
    super(
      503,
      'QUEUE_UNAVAILABLE',
      'the forecast queue (Redis) is unavailable: nothing was queued; try again',
      [],
      {
        'Retry-After': '5',
      },
    );
  }
}

@Injectable()
export class ForecastsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly repository: ForecastRepository;
  private base: RunInput | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(DATABASE) db: Db,
    @InjectQueue(FORECASTS_QUEUE) private readonly queue: Queue,
    @Inject(ScenarioCatalog) private readonly catalog: ScenarioCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly census: CensusService,
    private readonly events: CensusEvents,
    private readonly publisher: NowPublisher,
  ) {
    this.repository = new ForecastRepository(db);
  }

  /** The base scenario checked at start: it resolves, and its region is the census's. */
  onApplicationBootstrap(): void {
    const input = this.baseInput();
    const censusRegion = this.census.region().id;
    if (input.region.id !== censusRegion)
      throw new Error(
        `FORECAST_SCENARIO "${this.config.forecast.scenario}" is of region "${input.region.id}", but the census (CENSUS_SCENARIO "${this.config.census.scenario}") is of "${censusRegion}"`,
      );
    this.unsubscribe = this.events.onDayComplete((date) => {
      this.request(date, 'auto', null).catch((error: Error) =>
        this.logger.warn({ err: error.message, censusDate: date }, 'automatic forecast not queued'),
      );
    });
    this.collectUnheard().catch((error: Error) =>
      this.logger.warn({ err: error.message }, 'completed forecasts not collected (Redis away?)'),
    );
  }

  /**
   * Forecasts a worker finished while no api was up to hear the 'completed' event are still in
   * their completed jobs (kept a day): stored now. Those already stored are left as they are.
   */
  async collectUnheard(): Promise<number> {
    const jobs = await this.queue.getJobs(['completed']);
    let stored = 0;
    for (const job of jobs)
      if (isForecastJobResult(job.returnvalue) && (await this.completed(job.returnvalue))) stored += 1;
    if (stored > 0) this.logger.info({ stored }, 'forecasts completed while no api was up stored');
    return stored;
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /** FORECAST_SCENARIO as the runner takes it, resolved once (shipped scenarios do not change while up). */
  private baseInput(): RunInput {
    this.base ??= toRunInput(this.catalog.resolve(this.config.forecast.scenario));
    return this.base;
  }

  /** POST /api/forecasts: the census date asked for, or the latest with reports. */
  async create(
    censusDate: string | undefined,
    principal: Principal,
    now = new Date(),
  ): Promise<ForecastAccepted> {
    if (censusDate !== undefined && censusDate > japanDate(now))
      throw new RequestInvalidError('forecast request is invalid (1 problem)', [
        requestIssue('censusDate', `${censusDate} is in the future (today is ${japanDate(now)} in Japan)`),
      ]);
    const date = censusDate ?? (await this.census.latest()).asOf;
    if (date === null) throw new NoCensusError(null);
    return this.request(date, 'manual', principal.id);
  }

  /**
   * Queues the forecast of `censusDate` unless one of that date is already queued or running
   * (then its id is answered). The start state is read now, so a report arriving later is in
   * the next forecast, not this one.
   */
  async request(
    censusDate: string,
    trigger: 'auto' | 'manual',
    requestedBy: string | null,
  ): Promise<ForecastAccepted> {
    const jobId = forecastJobId(censusDate);
    const inFlight = await this.queue.getJob(jobId).catch(unavailable);
    if (inFlight) {
      const state = await inFlight.getState().catch(unavailable);
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown')
        return { id: (inFlight.data as ForecastJobData).id, censusDate, queued: false };
      // The date's finished job, still kept: its forecast stored if nobody heard it, then the job
      // makes way (BullMQ ignores an add whose id is taken, even by a finished job).
      if (state === 'completed' && isForecastJobResult(inFlight.returnvalue))
        await this.completed(inFlight.returnvalue);
      await inFlight.remove().catch(() => undefined);
    }
    const start: CensusRow[] = this.census.startState(censusDate).map((r) => ({
      date: r.date,
      hospital: r.hospital,
      institutionCode: r.institutionCode,
      area: r.area,
      function: r.function,
      beds: r.beds,
      occupied: r.occupied,
      icuBeds: r.icuBeds,
      icuOccupied: r.icuOccupied,
      vents: r.vents,
      ventsInUse: r.ventsInUse,
      admissions: r.admissions,
      discharges: r.discharges,
    }));
    if (start.length === 0) throw new NoCensusError(censusDate);
    const input = this.baseInput();
    if (trigger === 'auto') await this.supersedeOlder(censusDate);
    const data: ForecastJobData = {
      id: randomUUID(),
      censusDate,
      start,
      input,
      replications: this.config.forecast.replications,
      seed: input.scenario.seed,
      trigger,
      requestedBy,
      requestedAt: new Date().toISOString(),
    };
    const job = forecastJob(data, this.config.runs.attempts);
    await this.queue.add(job.name, job.data, job.opts).catch(unavailable);
    // Another instance may have added the date's job between our look and our add: BullMQ keeps
    // the first (an add with a taken id is a no-op), so the id is read back from the queue.
    const kept = await this.queue.getJob(jobId).catch(() => undefined);
    const id = (kept?.data as ForecastJobData | undefined)?.id ?? data.id;
    this.logger.info({ forecastId: id, censusDate, trigger, rows: start.length }, 'forecast queued');
    return { id, censusDate, queued: id === data.id };
  }

  /**
   * An automatic forecast of an older day still waiting is no longer worth its CPU once a newer
   * day is complete (a backfill of 120 days would otherwise queue 120 forecasts, minutes each):
   * it is dropped, so at most one runs and one waits. Forecasts asked for by hand are kept.
   */
  private async supersedeOlder(censusDate: string): Promise<void> {
    const waiting = await this.queue.getWaiting().catch(unavailable);
    for (const job of waiting) {
      const data = job.data as ForecastJobData;
      if (data.trigger !== 'auto' || data.censusDate >= censusDate) continue;
      // Already taken by a worker or removed by another api instance: nothing to drop.
      await job.remove().catch(() => undefined);
      this.logger.info(
        { forecastId: data.id, censusDate: data.censusDate, by: censusDate },
        'forecast superseded',
      );
    }
  }

  /**
   * A worker returned a forecast: stored once, published by the instance that stored it when it
   * is the latest (one collected late may be older). True when this call stored it.
   */
  async completed(result: ForecastJobResult): Promise<boolean> {
    let forecast: Forecast;
    try {
      forecast = unpackJson(result.forecast);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'forecast result unreadable');
      return false;
    }
    const stored = this.repository.insert({
      id: forecast.id,
      regionId: forecast.regionId,
      scenarioId: forecast.scenarioId,
      censusDate: forecast.censusDate,
      createdAt: forecast.createdAt,
      replications: forecast.replications,
      seed: forecast.seed,
      trigger: result.trigger === 'manual' ? 'manual' : 'auto',
      requestedBy: result.requestedBy ?? null,
      json: JSON.stringify(forecast),
    });
    if (!stored) return false;
    this.logger.info(
      { forecastId: forecast.id, censusDate: forecast.censusDate, durationMs: result.durationMs },
      'forecast stored',
    );
    if (this.repository.latest()?.id !== forecast.id) return true;
    try {
      await this.publisher.forecastCompleted(forecast);
    } catch (error) {
      // Stored: clients that missed the event get it with their next now.subscribe snapshot.
      this.logger.warn({ err: (error as Error).message, forecastId: forecast.id }, 'forecast not published');
    }
    return true;
  }

  /** The census date of the latest forecast held, or null. */
  latestCensusDate(): string | null {
    return this.repository.latestCensusDate();
  }

  /** The latest forecast, of every area or of one (422 naming `area` when the region has no such area). */
  latest(area?: string): Forecast {
    if (area !== undefined) {
      const areas = this.census.region().areas;
      if (!areas.includes(area))
        throw new RequestInvalidError('forecast query is invalid (1 problem)', [
          requestIssue('area', `unknown area "${area.slice(0, 64)}"; areas: ${areas.join(', ')}`),
        ]);
    }
    const record = this.repository.latest();
    if (!record) throw new NoForecastError();
    const forecast = JSON.parse(record.json) as Forecast;
    return area === undefined
      ? forecast
      : { ...forecast, series: forecast.series.filter((s) => s.area === area) };
  }

  latestCsv(area?: string): { forecast: Forecast; csv: string } {
    const forecast = this.latest(area);
    return { forecast, csv: forecastCsv(forecast) };
  }

  latestFhir(area?: string): Record<string, unknown> {
    return forecastBundle(this.latest(area));
  }
}
