import { Module, type DynamicModule } from '@nestjs/common';
import { LiveFanout } from './live-fanout.service';
import { LiveGateway } from './live.gateway';
import { LiveNotices } from './live-notices';
import { ProgressRecorder } from './progress-recorder';

@Module({})
export class LiveModule {
  /** `queue` and `runs` are the modules the app built (LiveStateStore; lifecycle and outcomes). */
  static forRoot(queue: DynamicModule, runs: DynamicModule): DynamicModule {
    return {
      module: LiveModule,
      imports: [queue, runs],
      // The workers' notices feed two owners: the recorder persists progress, the fan-out emits it.
      providers: [LiveNotices, ProgressRecorder, LiveFanout, LiveGateway],
    };
  }
}
