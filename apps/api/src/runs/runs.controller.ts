import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { parseRequest } from '../errors/parse-request';
import { CSV_TABLES, resultCsv } from '@caretwin/runner';
import { RunResultService } from './run-result.service';
import { RunsService } from './runs.service';

const csvQuery = z.object({ table: z.enum(CSV_TABLES).default('kpis') }).strict();

@Controller('api/runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly results: RunResultService,
  ) {}

  /** 202 {id, state}: the run is stored; it is enqueued now, or as soon as Redis is back. */
  @Post()
  @HttpCode(202)
  create(@Body() body: unknown, @Headers('idempotency-key') key: unknown, @Res({ passthrough: true }) res: Response) {
    const run = this.runs.create(body, key);
    res.setHeader('Location', `/api/runs/${run.id}`);
    return { id: run.id, state: run.state };
  }

  @Get()
  list(@Query() query: unknown) {
    return this.runs.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @Get(':id/result')
  result(@Param('id') id: string) {
    return this.results.result(id);
  }

  @Get(':id/result.csv')
  csv(@Param('id') id: string, @Query() query: unknown, @Res() res: Response): void {
    const { table } = parseRequest(csvQuery, query, 'query');
    const csv = resultCsv(this.results.result(id), table);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="caretwin-${id}-${table}.csv"`);
    res.send(csv);
  }

  /** Cancels a queued or running run; it is kept, as cancelled. */
  @Delete(':id')
  cancel(@Param('id') id: string) {
    return this.runs.cancel(id);
  }
}
