import { Module } from '@nestjs/common';
import type { AppConfig } from '@caretwin/config';
import { ScenarioCatalog } from '@caretwin/scenario';
import { APP_CONFIG } from '../config/config.tokens';
import { StoreScenarioSource } from '../store/store-scenario-source';
import { ScenariosController } from './scenarios.controller';
import { ScenarioResolver } from './scenario-resolver.service';
import { ScenariosService } from './scenarios.service';

@Module({
  controllers: [ScenariosController],
  providers: [
    {
      provide: ScenarioCatalog,
      inject: [APP_CONFIG, StoreScenarioSource],
      useFactory: (config: AppConfig, saved: StoreScenarioSource) =>
        new ScenarioCatalog({
          shippedDir: config.scenarios.shippedDir,
          regionsDir: config.scenarios.regionsDir,
          saved,
        }),
    },
    ScenarioResolver,
    ScenariosService,
  ],
  exports: [ScenarioCatalog, ScenarioResolver, ScenariosService],
})
export class ScenariosModule {}
