// Forecast jobs in the worker. It shares the replication pool of ReplicationsModule: the worker
// module hands over that module's instance, so there is one pool per process.
import { BullModule, Processor } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@caretwin/config';
import { EVENTS_MAX_LEN, FORECASTS_QUEUE } from '@caretwin/runner';
import { ForecastJobService } from './forecast-job.service';
import { ForecastsProcessor } from './forecasts.processor';

@Module({})
export class ForecastsModule {
  static forRoot(config: AppConfig, replications: DynamicModule): DynamicModule {
    Processor(FORECASTS_QUEUE, {
      // One forecast at a time per worker: its replications already fill the pool's threads.
      concurrency: 1,
      lockDuration: config.worker.lockDurationMs,
      stalledInterval: config.worker.stalledIntervalMs,
      maxStalledCount: config.worker.maxStalledCount,
      name: `${process.pid}`,
    })(ForecastsProcessor);
    return {
      module: ForecastsModule,
      imports: [
        replications,
        BullModule.registerQueue({ name: FORECASTS_QUEUE, streams: { events: { maxLen: EVENTS_MAX_LEN } } }),
      ],
      providers: [ForecastsProcessor, ForecastJobService],
      exports: [ForecastsProcessor],
    };
  }
}
