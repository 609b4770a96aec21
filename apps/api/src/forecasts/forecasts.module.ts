// Forecasts in the api: POST/GET /api/forecasts*, the forecasts queue (producer and its event
// stream), the automatic forecast after each complete day of reports and at the daily cutoff. `queue` is the app's
// QueueModule (BullMQ's connection settings); CensusModule is global (CensusEvents,
// CensusService, NowPublisher).
import { BullModule, QueueEventsListener } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { redisConnectionOptions, type AppConfig } from '@caretwin/config';
import { EVENTS_MAX_LEN, FORECASTS_QUEUE } from '@caretwin/runner';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { ForecastCutoff } from './forecast-cutoff';
import { ForecastEventsListener } from './forecast-events.listener';
import { ForecastsController } from './forecasts.controller';
import { ForecastsService } from './forecasts.service';

@Module({})
export class ForecastsModule {
  static forRoot(config: AppConfig, queue: DynamicModule): DynamicModule {
    const redis = redisConnectionOptions(config.redis.url);
    // The event stream is read with a blocking call: its connection must retry without limit.
    QueueEventsListener(FORECASTS_QUEUE, {
      connection: { ...redis, maxRetriesPerRequest: null },
      prefix: config.redis.prefix,
    })(ForecastEventsListener);
    return {
      module: ForecastsModule,
      imports: [
        queue,
        ScenariosModule,
        BullModule.registerQueue({
          name: FORECASTS_QUEUE,
          // A producer fails fast while Redis is away instead of queueing commands.
          connection: { ...redis, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          prefix: config.redis.prefix,
          streams: { events: { maxLen: EVENTS_MAX_LEN } },
        }),
      ],
      controllers: [ForecastsController],
      providers: [ForecastsService, ForecastEventsListener, ForecastCutoff],
      exports: [ForecastsService],
    };
  }
}
