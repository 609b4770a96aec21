// HTTP edge of the census (apps/api/README.md "Census"): translates requests to CensusService.
import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CensusAccepted, CensusLatest, CensusSeries } from '@caretwin/contracts';
import { Allow, AllowReaders } from '../access/access.decorators';
import { ErrorResponses, ZodQuery } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { CENSUS_CSV_TYPE, CENSUS_FHIR_TYPES } from './census-media';
import {
  censusPostQuery,
  censusSeriesQuery,
  type CensusPostQuery,
  type CensusSeriesQuery,
} from './census.dto';
import { CensusService } from './census.service';

@ApiTags('census')
@Controller('api/census')
export class CensusController {
  constructor(private readonly census: CensusService) {}

  /** POST /api/census: a day's bed reports (CSV or FHIR), all stored or none. */
  @Post()
  @HttpCode(200)
  @Allow('reporter', 'planner')
  @ApiOperation({
    summary:
      'Bed reports per hospital × function × day: text/csv (SANER codes) or application/fhir+json (MeasureReport or Bundle); all or nothing',
  })
  @ApiConsumes(CENSUS_CSV_TYPE, ...CENSUS_FHIR_TYPES)
  @ApiBody({ description: 'CSV text or a FHIR R4 MeasureReport / Bundle (apps/api/README.md "Census")' })
  @ZodQuery(censusPostQuery)
  @ErrorResponses(400, 403, 413, 415, 422)
  post(
    @Query(new ZodValidationPipe(censusPostQuery, 'census query')) query: CensusPostQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CensusAccepted> {
    const body = req.is(CENSUS_CSV_TYPE)
      ? ({ kind: 'csv', text: typeof req.body === 'string' ? req.body : '' } as const) // no body: ''
      : ({ kind: 'fhir', json: req.body as unknown } as const);
    return this.census
      .post({ body, synthetic: query.synthetic === 'true', principal: req.principal! })
      .then((accepted) => {
        res.locals.auditTarget = accepted.dates.join(' ');
        return accepted;
      });
  }

  /** GET /api/census/latest: per hospital × function the last report; missing ones listed. */
  @Get('latest')
  @AllowReaders()
  @ApiOperation({
    summary: 'Per hospital × function the last report and its date; missing reports of the latest date',
  })
  latest(): Promise<CensusLatest> {
    return this.census.latest();
  }

  /** GET /api/census?from=&to=&area=: daily series per area × function. */
  @Get()
  @AllowReaders()
  @ApiOperation({ summary: 'Daily series per area × function (reported and expected hospitals per point)' })
  @ZodQuery(censusSeriesQuery)
  @ErrorResponses(422)
  series(
    @Query(new ZodValidationPipe(censusSeriesQuery, 'census query')) query: CensusSeriesQuery,
  ): CensusSeries {
    return this.census.seriesQuery(query);
  }
}
