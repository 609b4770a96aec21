import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { APP_CONFIG, APP_LOGGER } from './config.tokens';

/** Makes the settings and logger parsed at boot injectable everywhere (nothing reads env). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, APP_LOGGER],
    };
  }
}
