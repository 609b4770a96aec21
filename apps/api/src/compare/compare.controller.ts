import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parseRequest } from '../errors/parse-request';
import { ErrorResponses, ZodQuery } from '../http/openapi';
import { CompareService } from './compare.service';

const compareQuery = z
  .object({
    a: z.string().min(1).describe('run id of the baseline'),
    b: z.string().min(1).describe('run id of the what-if'),
  })
  .strict();

@ApiTags('runs')
@Controller('api/compare')
export class CompareController {
  constructor(private readonly compare: CompareService) {}

  /** GET /api/compare?a=<run id>&b=<run id>: b − a. */
  @Get()
  @ApiOperation({
    summary: 'b − a per KPI with 95 % CI: paired when seed and replications match, else Welch',
  })
  @ZodQuery(compareQuery)
  @ErrorResponses(404, 409, 422)
  get(@Query() query: unknown) {
    const { a, b } = parseRequest(compareQuery, query, 'query');
    return this.compare.compare(a, b);
  }
}
