// The automatic forecast's daily cutoff (FORECAST_CUTOFF, docs/forecasting.md "Service"): after
// the set time of the Japanese day the latest census is forecast from what has arrived, so a
// hospital that never reports delays the day's forecast to the cutoff, never stops it. Looked at
// on start, once a minute and after every census request stored; every api instance looks, and
// the forecast's job id (one per census date) keeps it to one job.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { cutoffForecastDate } from '@caretwin/census';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { CensusEvents } from '../census/census-events';
import { CensusService } from '../census/census.service';
import { ForecastsService } from './forecasts.service';

const CHECK_EVERY_MS = 60_000;

@Injectable()
export class ForecastCutoff implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cutoff: string | null;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** the census date this instance asked for last: asked once, even when its job then fails */
  private asked: string | null = null;

  constructor(
    private readonly forecasts: ForecastsService,
    private readonly census: CensusService,
    private readonly events: CensusEvents,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.cutoff = config.forecast.cutoff === 'off' ? null : config.forecast.cutoff;
  }

  onApplicationBootstrap(): void {
    if (this.cutoff === null) return;
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS).unref();
    this.unsubscribe = this.events.onStored(() => void this.check());
    void this.check();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Asks for the census date's forecast when the cutoff makes one due; the date asked, or null. */
  async check(now = new Date()): Promise<string | null> {
    const date = cutoffForecastDate(
      now,
      this.cutoff,
      this.census.latestDate(),
      this.forecasts.latestCensusDate(),
    );
    if (date === null || date === this.asked) return null;
    this.asked = date;
    try {
      const accepted = await this.forecasts.request(date, 'auto', null);
      // already in flight (e.g. the day just completed): that forecast is the day's
      if (accepted.queued)
        this.logger.info(
          { forecastId: accepted.id, censusDate: date, cutoff: this.cutoff },
          'forecast at the cutoff',
        );
      return date;
    } catch (error) {
      this.asked = null; // e.g. Redis away: the next look asks again
      this.logger.warn(
        { err: (error as Error).message, censusDate: date },
        'forecast at the cutoff not queued',
      );
      return null;
    }
  }
}
