import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { VersionController } from './version.controller';
import { VersionService } from './version.service';

@Module({ imports: [ScenariosModule], controllers: [VersionController], providers: [VersionService] })
export class VersionModule {}
