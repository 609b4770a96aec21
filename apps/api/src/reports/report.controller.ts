import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { REPORT_CSP } from '@caretwin/runner';
import { ErrorResponses, ZodQuery } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { ReportService } from './report.service';
import { AllowReaders } from '../access/access.decorators';

const reportQuery = z
  .object({
    baseline: z.string().min(1).optional().describe('run id of the baseline a (the report compares b − a)'),
    area: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional()
      .describe('area id (二次医療圏) whose section comes first'),
    download: z.enum(['0', '1']).optional().describe('1: as an attachment (report-<id>.html)'),
  })
  .strict();
type ReportQuery = z.infer<typeof reportQuery>;

@ApiTags('runs')
@AllowReaders()
@Controller('api/runs')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  /** GET /api/runs/:id/report[?baseline=<run id>&area=<id>]: the standalone HTML report. */
  @Get(':id/report')
  @ApiOperation({
    summary:
      'The standalone HTML report of a completed run (as `caretwin report` writes it), against a baseline run when given',
  })
  @ApiParam({ name: 'id', description: 'run id (UUID) of the report (b when a baseline is given)' })
  @ZodQuery(reportQuery)
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'one HTML file that opens offline' })
  @ErrorResponses(404, 409, 410, 422, 503)
  report(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(reportQuery, 'query')) query: ReportQuery,
    @Res() res: Response,
  ): void {
    const html = this.reports.html(id, { baseline: query.baseline, area: query.area });
    // the page's own policy (inline bundle, no network) instead of the dashboard's
    res.setHeader('Content-Security-Policy', REPORT_CSP);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    const name = `caretwin-report-${id}${query.baseline ? `-vs-${query.baseline}` : ''}.html`.replace(
      /[^A-Za-z0-9_.-]/g,
      '-',
    );
    res.setHeader(
      'Content-Disposition',
      `${query.download === '1' ? 'attachment' : 'inline'}; filename="${name}"`,
    );
    res.send(html);
  }
}
