import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

@Module({
  imports: [ScenariosModule],
  controllers: [RegionsController],
  providers: [RegionsService],
})
export class RegionsModule {}
