import { Module, type DynamicModule } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { LiveRelay } from './live-relay.service';

@Module({})
export class LiveModule {
  /** `queue` and `runs` are the modules the app built (LiveStateStore; lifecycle and outcomes). */
  static forRoot(queue: DynamicModule, runs: DynamicModule): DynamicModule {
    return { module: LiveModule, imports: [queue, runs], providers: [LiveRelay, LiveGateway] };
  }
}
