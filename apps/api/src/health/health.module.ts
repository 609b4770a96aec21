import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

@Module({})
export class HealthModule {
  /** `queue` is the app's QueueModule (its Redis client). */
  static forRoot(queue: DynamicModule): DynamicModule {
    return {
      module: HealthModule,
      imports: [queue],
      controllers: [HealthController],
      providers: [ReadinessService],
    };
  }
}
