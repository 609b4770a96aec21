import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { RunAccepted, RunList, RunView } from '@caretwin/contracts';
import { resultCsv, type RunResultDocument } from '@caretwin/runner';
import { Allow, AllowReaders } from '../access/access.decorators';
import { ErrorResponses, ZodBody, ZodQuery, ZodResponse } from '../http/openapi';
import { RateLimited } from '../limits/rate-limit';
import { RequestHeader, ZodValidationPipe } from '../http/zod-validation.pipe';
import { RunResultService, type ServiceExecution } from './run-result.service';
import { RunsService } from './runs.service';
import {
  acceptedRunSchema,
  createRunSchema,
  csvQuerySchema,
  idempotencyKeySchema,
  listRunsSchema,
  runListSchema,
  runViewSchema,
  type CreateRunRequest,
  type CsvQuery,
  type ListRunsQuery,
} from './runs.dto';
const RunId = ApiParam({
  name: 'id',
  description: 'run id (UUID)',
  schema: { type: 'string', format: 'uuid' },
});

@ApiTags('runs')
@ApiBearerAuth()
@AllowReaders()
@Controller('api/runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly results: RunResultService,
  ) {}

  /** 202 {id, state}: the run is stored; it is enqueued now, or as soon as Redis is back. */
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a run: stored first, then enqueued (at once, or when Redis is back)' })
  @ZodBody(createRunSchema)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key with the same body answers the same run',
  })
  @ZodResponse(202, acceptedRunSchema, 'accepted; Location: /api/runs/{id}')
  @ErrorResponses(400, 413, 422, 429, 503)
  @RateLimited('runs')
  @Allow('planner')
  async create(
    @Body(new ZodValidationPipe(createRunSchema, 'run request')) body: CreateRunRequest,
    @RequestHeader('idempotency-key', new ZodValidationPipe(idempotencyKeySchema, 'Idempotency-Key header'))
    key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunAccepted> {
    const run = await this.runs.create(body, key ?? null, req.principal?.id ?? null);
    res.setHeader('Location', `/api/runs/${run.id}`);
    return { id: run.id, state: run.state };
  }

  @Get()
  @ApiOperation({ summary: 'Runs, newest first' })
  @ZodQuery(listRunsSchema)
  @ZodResponse(200, runListSchema, 'a page of runs')
  @ErrorResponses(422)
  list(@Query(new ZodValidationPipe(listRunsSchema, 'query')) query: ListRunsQuery): RunList {
    return this.runs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run: state, progress, timings, history' })
  @RunId
  @ZodResponse(200, runViewSchema, 'the run')
  @ErrorResponses(404)
  get(@Param('id') id: string): Promise<RunView> {
    return this.runs.get(id);
  }

  @Get(':id/result')
  @ApiOperation({
    summary: 'The result document of a completed run (provenance, replications, aggregate, execution)',
  })
  @RunId
  @ApiResponse({ status: 200, description: 'the result document (libs/runner RunResultDocument)' })
  @ErrorResponses(404, 409)
  result(@Param('id') id: string): RunResultDocument<ServiceExecution> {
    return this.results.result(id);
  }

  @Get(':id/result.csv')
  @ApiOperation({
    summary: 'A table of the result as CSV (UTF-8 with BOM, headed by the synthetic / estimated inputs)',
  })
  @RunId
  @ZodQuery(csvQuerySchema)
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'CSV' })
  @ErrorResponses(404, 409, 422)
  csv(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(csvQuerySchema, 'query')) { table }: CsvQuery,
    @Res() res: Response,
  ): void {
    const csv = resultCsv(this.results.result(id), table);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="caretwin-${id}-${table}.csv"`);
    res.send(csv);
  }

  /** Cancels a queued or running run; it is kept, as cancelled. Planner: its own runs only. */
  @Delete(':id')
  @Allow('planner')
  @ApiOperation({
    summary: 'Cancel a queued or running run (kept, as cancelled); workers stop at the next simulated day',
  })
  @RunId
  @ZodResponse(200, runViewSchema, 'the run as it is now')
  @ErrorResponses(401, 403, 404)
  cancel(@Param('id') id: string, @Req() req: Request): Promise<RunView> {
    return this.runs.cancel(id, req.principal);
  }

  /** Deletes a finished run and everything stored of it (admin only). */
  @Delete(':id/record')
  @Allow('admin')
  @ApiOperation({
    summary:
      'Delete a finished run entirely: its record, history, replication results and result (admin only; cancel an active run first)',
  })
  @RunId
  @ApiResponse({ status: 200, description: '{id, deleted: true}' })
  @ErrorResponses(401, 403, 404, 409)
  purge(@Param('id') id: string): { id: string; deleted: true } {
    return this.runs.purge(id);
  }
}
