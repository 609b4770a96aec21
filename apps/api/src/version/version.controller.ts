import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { VersionService, type VersionInfo } from './version.service';
import { Public } from '../access/access.decorators';

@ApiTags('operations')
@Public()
@Controller('api/version')
export class VersionController {
  constructor(private readonly versions: VersionService) {}

  @Get()
  @ApiOperation({ summary: 'Application, model and data versions, and the git commit when known' })
  version(): VersionInfo {
    return this.versions.version();
  }
}
