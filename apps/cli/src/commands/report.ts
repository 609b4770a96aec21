// `caretwin report <result.json> --out report.html`: one standalone HTML file with the
// dashboard's charts (the same chart modules, built into one script by
// apps/dashboard/vite.report.config.mts), the scenario description, its levers — or the lever
// differences and paired differences against `--baseline` — KPIs with 95 % CIs and the
// assumptions. It opens offline and can be mailed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  BOUNDARIES_FILE,
  shapeBoundaries,
  type RawBoundaryFile,
  type RegionBoundaries,
} from '@caretwin/contracts';
import { compareResults } from '@caretwin/model';
import { softwareVersion, type RunResultDocument } from '@caretwin/runner';
import { REPORT_FORMAT, slimResult, type ReportPayload } from '../report/report-payload';
import { standaloneHtml, type ReportBundle } from '../report/standalone-html';
import { readResultArgument } from './compare';
import { repoRoot } from './validate';
import { CommandError, defaultIO, reportFailure, type CommandIO } from './run';

export interface ReportCommandOptions {
  /** output file (default: report.html beside the result) */
  out?: string;
  /** a baseline result to compare with (b = the report's result) */
  baseline?: string;
  json?: boolean;
  /** for tests: the report bundle's directory and the time written */
  bundleDir?: string;
  /** regions (default: <repo>/scenarios/data): the map's boundaries are read from <region>/municipalities.geojson */
  regionsDir?: string;
  now?: () => Date;
}

/** apps/cli/{src,dist}/commands → apps/dashboard/dist/report */
export const REPORT_BUNDLE_DIR = join(__dirname, '..', '..', '..', 'dashboard', 'dist', 'report');

export function readReportBundle(dir: string = REPORT_BUNDLE_DIR): ReportBundle {
  const script = join(dir, 'report.js');
  const style = join(dir, 'report.css');
  if (!existsSync(script) || !existsSync(style)) {
    throw new CommandError(
      `the report bundle is missing (${script}): build it with \`npm run build\` (or \`npm run build:report -w apps/dashboard\`)`,
    );
  }
  return { script: readFileSync(script, 'utf8'), style: readFileSync(style, 'utf8') };
}

type AnyResult = RunResultDocument<Record<string, unknown>>;

function readResult(argument: string, io: CommandIO): { doc: AnyResult; path: string } {
  const side = readResultArgument(argument, io.cwd);
  if (side.kind !== 'result')
    throw new CommandError(
      `${argument}: not a result file (a report is drawn from a result.json; run the scenario first with \`caretwin run\`)`,
    );
  return { doc: side.doc as AnyResult, path: side.path };
}

/**
 * The municipal boundaries of the result's region for the report's map, from the regions
 * directory; null (the map shows municipalities as points) when there is no such file.
 */
function readBoundaries(doc: AnyResult, regionsDir?: string): RegionBoundaries | null {
  const region = doc.provenance?.region as Partial<AnyResult['provenance']['region']> | undefined;
  if (typeof region?.id !== 'string' || !Array.isArray(region.municipalities)) return null;
  let dir = regionsDir;
  if (dir === undefined) {
    try {
      dir = join(repoRoot(), 'scenarios', 'data');
    } catch {
      return null; // an installed CLI away from the repository: no boundary files at hand
    }
  }
  const path = join(dir, region.id, BOUNDARIES_FILE);
  if (!existsSync(path)) return null;
  const file = JSON.parse(readFileSync(path, 'utf8')) as RawBoundaryFile;
  return shapeBoundaries({ id: region.id, municipalities: region.municipalities }, file, path);
}

export function reportCommand(
  argument: string,
  options: ReportCommandOptions,
  io: CommandIO = defaultIO(),
): number {
  try {
    const bundle = readReportBundle(options.bundleDir);
    const result = readResult(argument, io);
    const baseline = options.baseline === undefined ? undefined : readResult(options.baseline, io);
    const payload: ReportPayload = {
      format: REPORT_FORMAT,
      version: 1,
      generatedAt: (options.now?.() ?? new Date()).toISOString(),
      generator: `caretwin ${softwareVersion()}`,
      source: basename(result.path),
      result: slimResult(result.doc),
      ...(baseline
        ? {
            baseline: {
              source: basename(baseline.path),
              result: slimResult(baseline.doc),
              comparison: compareResults(baseline.doc.replications, result.doc.replications),
            },
          }
        : {}),
    };
    const boundaries = readBoundaries(result.doc, options.regionsDir);
    if (boundaries) payload.boundaries = boundaries;
    const out = resolve(io.cwd, options.out ?? join(dirname(result.path), 'report.html'));
    const html = standaloneHtml(payload, bundle);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
    const summary = {
      out,
      bytes: Buffer.byteLength(html),
      scenario: result.doc.provenance.scenario.id,
      baseline: baseline?.doc.provenance.scenario.id ?? null,
      method: payload.baseline?.comparison.method ?? null,
    };
    if (options.json) io.out(JSON.stringify(summary));
    else
      io.out(
        `wrote ${out} (${(summary.bytes / 1024 / 1024).toFixed(1)} MB): ${summary.scenario}${summary.baseline ? ` against ${summary.baseline} (${summary.method})` : ''} — opens offline in any browser`,
      );
    return 0;
  } catch (error) {
    const code = reportFailure(error, io);
    if (code === undefined) throw error;
    return code;
  }
}
