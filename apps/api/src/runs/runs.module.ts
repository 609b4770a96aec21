import { Module, type DynamicModule } from '@nestjs/common';
import { QueueEventsListener } from '@nestjs/bullmq';
import { redisConnectionOptions, type AppConfig } from '@caretwin/config';
import { REPLICATIONS_QUEUE } from '@caretwin/runner';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { RunEventsListener } from './run-events.listener';
import { RunLifecycleService } from './run-lifecycle.service';
import { RunOutcomes } from './run-outcomes';
import { RunReconciler } from './run-reconciler.service';
import { RunResultService } from './run-result.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({})
export class RunsModule {
  /** `queue` is the app's QueueModule (shared with the live, metrics and health modules). */
  static forRoot(config: AppConfig, queue: DynamicModule): DynamicModule {
    // The event stream is read with a blocking call: its connection must retry without limit.
    QueueEventsListener(REPLICATIONS_QUEUE, {
      connection: { ...redisConnectionOptions(config.redis.url), maxRetriesPerRequest: null },
      prefix: config.redis.prefix,
    })(RunEventsListener);
    return {
      module: RunsModule,
      imports: [queue, ScenariosModule],
      controllers: [RunsController],
      providers: [
        RunsService,
        RunLifecycleService,
        RunResultService,
        RunEventsListener,
        RunReconciler,
        RunOutcomes,
      ],
      exports: [RunResultService, RunsService, RunLifecycleService, RunOutcomes],
    };
  }
}
