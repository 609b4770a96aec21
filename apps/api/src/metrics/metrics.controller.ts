import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ServiceMetrics } from './service-metrics';
import { Public } from '../access/access.decorators';

/** Prometheus text format; outside /api (operators' endpoint, not part of the documented api). */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.text();
    res.setHeader('Content-Type', contentType);
    res.send(body);
  }
}
