import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseRequest } from '../errors/parse-request';
import { CompareService } from './compare.service';

const compareQuery = z.object({ a: z.string().min(1), b: z.string().min(1) }).strict();

@Controller('api/compare')
export class CompareController {
  constructor(private readonly compare: CompareService) {}

  /** GET /api/compare?a=<run id>&b=<run id>: b − a. */
  @Get()
  get(@Query() query: unknown) {
    const { a, b } = parseRequest(compareQuery, query, 'query');
    return this.compare.compare(a, b);
  }
}
