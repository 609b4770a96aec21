import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { ServiceMetrics } from './service-metrics';

@Module({})
export class MetricsModule {
  /** Global: the runs and live modules count into the same registry. `queue` is the app's QueueModule. */
  static forRoot(queue: DynamicModule): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [queue],
      controllers: [MetricsController],
      providers: [ServiceMetrics],
      exports: [ServiceMetrics],
    };
  }
}
