import { Module, type DynamicModule } from '@nestjs/common';
import { QueueEventsListener } from '@nestjs/bullmq';
import { redisConnectionOptions, type AppConfig } from '@caretwin/config';
import { REPLICATIONS_QUEUE } from '@caretwin/runner';
import { QueueModule } from '../queue/queue.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { RunEventsListener } from './run-events.listener';
import { RunLifecycleService } from './run-lifecycle.service';
import { RunReconciler } from './run-reconciler.service';
import { RunResultService } from './run-result.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({})
export class RunsModule {
  static forRoot(config: AppConfig): DynamicModule {
    // The event stream is read with a blocking call: its connection must retry without limit.
    QueueEventsListener(REPLICATIONS_QUEUE, {
      connection: { ...redisConnectionOptions(config.redis.url), maxRetriesPerRequest: null },
      prefix: config.redis.prefix,
    })(RunEventsListener);
    return {
      module: RunsModule,
      imports: [QueueModule.forRoot(config), ScenariosModule],
      controllers: [RunsController],
      providers: [RunsService, RunLifecycleService, RunResultService, RunEventsListener, RunReconciler],
      exports: [RunResultService, RunsService],
    };
  }
}
