// HTTP edge of the forecasts (apps/api/README.md "Forecasts"): translates requests to ForecastsService.
import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Forecast } from '@caretwin/contracts';
import { Allow, AllowReaders } from '../access/access.decorators';
import { ErrorResponses, ZodBody, ZodQuery } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import {
  createForecastSchema,
  forecastLatestQuery,
  type CreateForecastRequest,
  type ForecastAccepted,
  type ForecastLatestQuery,
} from './forecasts.dto';
import { ForecastsService } from './forecasts.service';

/** `caretwin-forecast-<census date>[-<area>].<ext>`: what a download is called. */
function fileName(forecast: Forecast, area: string | undefined, ext: string): string {
  return `caretwin-forecast-${forecast.censusDate}${area ? `-${area.replace(/[^A-Za-z0-9_-]/g, '_')}` : ''}.${ext}`;
}

@ApiTags('forecasts')
@Controller('api/forecasts')
export class ForecastsController {
  constructor(private readonly forecasts: ForecastsService) {}

  /** POST /api/forecasts: a forecast now (of the latest census date, or the one asked); 202. */
  @Post()
  @HttpCode(202)
  @Allow('planner')
  @ApiOperation({
    summary:
      'Queue a forecast of the next 14 days from a census date (default: the latest); one per date in flight',
  })
  @ZodBody(createForecastSchema)
  @ErrorResponses(409, 422)
  create(
    @Body(new ZodValidationPipe(createForecastSchema, 'forecast request')) body: CreateForecastRequest,
    @Req() req: Request,
  ): Promise<ForecastAccepted> {
    return this.forecasts.create(body.censusDate, req.principal!);
  }

  /** GET /api/forecasts/latest?area=: the latest forecast (per area × function × horizon 1–14). */
  @Get('latest')
  @AllowReaders()
  @ApiOperation({
    summary: 'The latest forecast: per area × function × horizon 1–14 the mean, p10, p90, p2.5, p97.5',
  })
  @ZodQuery(forecastLatestQuery)
  @ErrorResponses(404, 422)
  latest(
    @Query(new ZodValidationPipe(forecastLatestQuery, 'forecast query')) query: ForecastLatestQuery,
  ): Forecast {
    return this.forecasts.latest(query.area);
  }

  /** GET /api/forecasts/latest.csv?area=: the same as CSV. */
  @Get('latest.csv')
  @AllowReaders()
  @ApiOperation({ summary: 'The latest forecast as CSV (one line per area × function × horizon)' })
  @ZodQuery(forecastLatestQuery)
  @ErrorResponses(404, 422)
  latestCsv(
    @Query(new ZodValidationPipe(forecastLatestQuery, 'forecast query')) query: ForecastLatestQuery,
    @Res({ passthrough: true }) res: Response,
  ): string {
    const { forecast, csv } = this.forecasts.latestCsv(query.area);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(forecast, query.area, 'csv')}"`);
    return csv;
  }

  /** GET /api/forecasts/latest.fhir?area=: the same as a FHIR R4 Bundle of MeasureReports. */
  @Get('latest.fhir')
  @AllowReaders()
  @ApiOperation({
    summary: 'The latest forecast as a FHIR R4 Bundle of MeasureReports (one per area × date)',
  })
  @ZodQuery(forecastLatestQuery)
  @ErrorResponses(404, 422)
  latestFhir(
    @Query(new ZodValidationPipe(forecastLatestQuery, 'forecast query')) query: ForecastLatestQuery,
    @Res({ passthrough: true }) res: Response,
  ): string {
    const bundle = this.forecasts.latestFhir(query.area);
    res.type('application/fhir+json; charset=utf-8');
    return JSON.stringify(bundle);
  }
}
