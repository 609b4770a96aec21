import { Module, type DynamicModule } from '@nestjs/common';
import { CompareController } from './compare.controller';
import { CompareService } from './compare.service';

@Module({})
export class CompareModule {
  /** `runs` is the RunsModule the app built (it exports RunResultService). */
  static forRoot(runs: DynamicModule): DynamicModule {
    return {
      module: CompareModule,
      imports: [runs],
      controllers: [CompareController],
      providers: [CompareService],
    };
  }
}
