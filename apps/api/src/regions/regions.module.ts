import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { RegionBoundariesService } from './region-boundaries.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

@Module({
  imports: [ScenariosModule],
  controllers: [RegionsController],
  providers: [RegionsService, RegionBoundariesService],
  exports: [RegionBoundariesService],
})
export class RegionsModule {}
