// The standalone report of a run, or of a run against its baseline run (issue 16): the same
// HTML file `caretwin report` writes (libs/runner report-html.ts), built from the stored result
// documents and the dashboard's report bundle (apps/dashboard/dist/report). The dashboard's
// results and compare views link here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { compareResults } from '@caretwin/model';
import {
  REPORT_FORMAT,
  slimResult,
  softwareVersion,
  standaloneHtml,
  type ReportBundle,
  type ReportPayload,
  type RunResultDocument,
} from '@caretwin/runner';
import { ApiError } from '../errors/api-error';
import { RegionBoundariesService } from '../regions/region-boundaries.service';
import { RunResultService } from '../runs/run-result.service';

type AnyResult = RunResultDocument<Record<string, unknown>>;

/** apps/api/{src,dist}/reports → apps/dashboard/dist/report */
export const REPORT_BUNDLE_DIR = join(__dirname, '..', '..', '..', 'dashboard', 'dist', 'report');

export class ReportBundleMissingError extends ApiError {
  constructor(dir: string) {
    super(
      503,
      'REPORT_BUNDLE_MISSING',
      `the report bundle is missing (${dir}): build the dashboard with \`npm run build\``,
    );
  }
}

@Injectable()
export class ReportService {
  private bundle: ReportBundle | undefined;

  constructor(
    private readonly results: RunResultService,
    private readonly boundaries: RegionBoundariesService,
  ) {}

  private readBundle(dir: string = REPORT_BUNDLE_DIR): ReportBundle {
    if (this.bundle) return this.bundle;
    const script = join(dir, 'report.js');
    const style = join(dir, 'report.css');
    if (!existsSync(script) || !existsSync(style)) throw new ReportBundleMissingError(dir);
    this.bundle = { script: readFileSync(script, 'utf8'), style: readFileSync(style, 'utf8') };
    return this.bundle;
  }

  /** The HTML of run `id`'s report; with `baseline`, b = id against a = baseline. */
  html(id: string, options: { baseline?: string; area?: string; now?: Date } = {}): string {
    const bundle = this.readBundle();
    const result = this.results.result(id) as unknown as AnyResult;
    const base =
      options.baseline === undefined
        ? undefined
        : (this.results.result(options.baseline) as unknown as AnyResult);
    const payload: ReportPayload = {
      format: REPORT_FORMAT,
      version: 1,
      generatedAt: (options.now ?? new Date()).toISOString(),
      generator: `caretwin ${softwareVersion()}`,
      source: `run ${id}`,
      result: slimResult(result),
      ...(base && options.baseline
        ? {
            baseline: {
              source: `run ${options.baseline}`,
              result: slimResult(base),
              comparison: compareResults(base.replications, result.replications),
            },
          }
        : {}),
      ...(options.area ? { area: options.area } : {}),
    };
    // the map's municipal boundaries travel in the file: the report opens offline
    const shapes = this.boundaries.find(result.provenance.region.id);
    if (shapes) payload.boundaries = shapes;
    return standaloneHtml(payload, bundle);
  }
}
