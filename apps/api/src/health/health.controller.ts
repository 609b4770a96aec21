import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadinessService, type Readiness } from './readiness.service';
import { Public } from '../access/access.decorators';

/** Liveness and readiness for orchestrators and `npm start` scripts (outside /api). */
@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP' })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Redis and the store answer (503 with the reason when one is away)' })
  @ApiResponse({ status: 200, description: 'ready' })
  @ApiResponse({
    status: 503,
    description: '{status: "unavailable", checks: {redis, store}} with the reason of each failed check',
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const readiness = await this.readiness.check();
    res.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
