import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ErrorResponses, ZodQuery } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { CompareService, type ComparisonView } from './compare.service';
import { AllowReaders } from '../access/access.decorators';

const compareQuery = z
  .object({
    a: z.string().min(1).describe('run id of the baseline'),
    b: z.string().min(1).describe('run id of the what-if'),
  })
  .strict();
type CompareQuery = z.infer<typeof compareQuery>;

@ApiTags('runs')
@AllowReaders()
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
  get(@Query(new ZodValidationPipe(compareQuery, 'query')) { a, b }: CompareQuery): ComparisonView {
    return this.compare.compare(a, b);
  }
}
