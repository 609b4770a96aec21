import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { redisConnectionOptions, type AppConfig, type Logger } from '@caretwin/config';
import { APP_CONFIG, APP_LOGGER } from './config/config.tokens';
import { ForecastsModule } from './forecasts/forecasts.module';
import { ReplicationsModule } from './replications/replications.module';

@Global()
@Module({})
export class WorkerConfigModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, APP_LOGGER],
    };
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    // One instance: the forecasts module uses its replication pool.
    const replications = ReplicationsModule.forRoot(config);
    return {
      module: WorkerModule,
      imports: [
        WorkerConfigModule.forRoot(config, logger),
        BullModule.forRoot({
          // Workers block on Redis; BullMQ requires unlimited retries per request here.
          connection: { ...redisConnectionOptions(config.redis.url), maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        replications,
        ForecastsModule.forRoot(config, replications),
      ],
    };
  }
}
