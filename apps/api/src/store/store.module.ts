import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { openDatabase, type Db } from '@caretwin/store';
import { RunsRepository } from './runs.repository';
import { SavedScenariosRepository } from './saved-scenarios.repository';
import { StoreScenarioSource } from './store-scenario-source';
import { DATABASE } from './store.tokens';

/** The SQLite store under DATA_DIR, migrated before any module reads it. */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG, APP_LOGGER],
      useFactory: (config: AppConfig, logger: Logger): Db => {
        const db = openDatabase(config.dataDir);
        logger.info({ dataDir: config.dataDir }, 'store open');
        return db;
      },
    },
    RunsRepository,
    SavedScenariosRepository,
    StoreScenarioSource,
  ],
  exports: [DATABASE, RunsRepository, SavedScenariosRepository, StoreScenarioSource],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
