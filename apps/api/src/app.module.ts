import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig, Logger } from '@caretwin/config';
import { AccessModule } from './access/access.module';
import { CensusModule } from './census/census.module';
import { CompareModule } from './compare/compare.module';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ErrorFilter } from './errors/error.filter';
import { ForecastsModule } from './forecasts/forecasts.module';
import { HealthModule } from './health/health.module';
import { LimitsModule } from './limits/limits.module';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RegionsModule } from './regions/regions.module';
import { ReportModule } from './reports/report.module';
import { RunsModule } from './runs/runs.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { StoreModule } from './store/store.module';
import { VersionModule } from './version/version.module';
import { WorkshopsModule } from './workshops/workshops.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    // One queue module (Redis clients, BullMQ) and one runs module, shared by those that need them.
    const queue = QueueModule.forRoot(config);
    const runs = RunsModule.forRoot(config, queue);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, logger),
        StoreModule,
        AccessModule, // its guard sets request.principal before any other guard reads it
        // after the access guard's module: the rate limits read request.principal
        LimitsModule.forRoot(queue),
        MetricsModule.forRoot(queue),
        ScenariosModule,
        RegionsModule,
        runs,
        CompareModule.forRoot(runs),
        ReportModule.forRoot(runs),
        LiveModule.forRoot(queue, runs),
        CensusModule.forRoot(queue), // POST/GET /api/census, the Now channel
        ForecastsModule.forRoot(config, queue), // POST/GET /api/forecasts, a forecast after each complete day
        WorkshopsModule.forRoot(queue, runs), // planning workshops: /api/workshops, workshop.* socket events
        HealthModule.forRoot(queue),
        VersionModule,
        DashboardModule, // last: static pages after every api route
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
