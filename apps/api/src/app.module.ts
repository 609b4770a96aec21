import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig, Logger } from '@caretwin/config';
import { CompareModule } from './compare/compare.module';
import { ConfigModule } from './config/config.module';
import { ErrorFilter } from './errors/error.filter';
import { RegionsModule } from './regions/regions.module';
import { RunsModule } from './runs/runs.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { StoreModule } from './store/store.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    const runs = RunsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config, logger), StoreModule, ScenariosModule, RegionsModule, runs, CompareModule.forRoot(runs)],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
