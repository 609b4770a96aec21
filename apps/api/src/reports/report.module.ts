import { Module, type DynamicModule } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

/** The standalone HTML report of a run or a comparison (issue 16). */
@Module({})
export class ReportModule {
  /** `runs` is the RunsModule the app built (it exports RunResultService). */
  static forRoot(runs: DynamicModule): DynamicModule {
    return {
      module: ReportModule,
      imports: [runs, RegionsModule],
      controllers: [ReportController],
      providers: [ReportService],
    };
  }
}
