// The standalone HTML report (moved here from apps/cli so the api can serve the same file as
// `caretwin report` writes, issue 16). The data a report carries (read back by
// apps/dashboard/src/report/payload.ts, which states the same format name, version and element
// id): the result document without the per-replication series the report never draws — the
// aggregate keeps every band and the distributions need only each replication's KPIs — and,
// optionally, a baseline with the comparison b − a. A Miyagi year of 10 replications shrinks from
// about 3 MB to under 1 MB. The page is the report bundle (apps/dashboard, built by
// vite.report.config.mts into one script and one stylesheet) and the payload, all inline; a
// content security policy in the page forbids every network request, so the file never calls
// home whatever a chart does; inline script, styles and data:/blob: images (exports) stay allowed.
import type { Comparison, RegionBoundaries, ReplicationResult } from '@caretwin/contracts';
import type { RunResultDocument } from './result';

export const REPORT_FORMAT = 'caretwin-report';
export const REPORT_DATA_ID = 'caretwin-report';

type AnyResult = RunResultDocument<Record<string, unknown>>;

export interface ReportPayload {
  format: typeof REPORT_FORMAT;
  version: 1;
  generatedAt: string;
  generator: string;
  source: string;
  result: AnyResult;
  baseline?: { source: string; result: AnyResult; comparison: Comparison };
  /** the dashboard's area filter when the report was asked for (issue 16): its section first */
  area?: string;
  /** the region's municipal boundaries for the map (GET /api/regions/:id/boundaries); absent: points */
  boundaries?: RegionBoundaries;
}

/** A replication with only what the report reads (the first keeps its hospitals: beds after the levers). */
function slimReplication(r: ReplicationResult, keepHospitals: boolean): ReplicationResult {
  const { warmup: _warmup, ...rest } = r;
  return {
    ...rest,
    dailyOccupancy: [],
    weeklyHospitalOccupancy: [],
    hospitals: keepHospitals ? r.hospitals : [],
  };
}

export function slimResult(doc: AnyResult): AnyResult {
  const replications = [...doc.replications].sort((a, b) => a.replication - b.replication);
  const aggregate = doc.aggregate.warmup
    ? { ...doc.aggregate, warmup: { ...doc.aggregate.warmup, series: [] } }
    : doc.aggregate;
  return { ...doc, aggregate, replications: replications.map((r, i) => slimReplication(r, i === 0)) };
}

export interface ReportBundle {
  script: string;
  style: string;
}

/** JSON that is safe inside <script>: no "</script", "<!--", or line separators that end a JS line. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Script text that cannot close its own element (only ever inside string literals in a bundle). */
const scriptSafe = (code: string): string => code.replace(/<\/(script)/gi, '<\\/$1');
const styleSafe = (css: string): string => css.replace(/<\/(style)/gi, '<\\/$1');

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'";

export function standaloneHtml(payload: ReportPayload, bundle: ReportBundle): string {
  const { scenario } = payload.result.provenance;
  const title = `CareTwin — ${scenario.name.ja} / ${scenario.name.en}`;
  return [
    '<!doctype html>',
    '<html lang="ja">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<meta name="generator" content="${escapeHtml(payload.generator)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${styleSafe(bundle.style)}</style>`,
    '</head>',
    '<body>',
    `<div id="report" class="report"><noscript>${escapeHtml(`${title}: this report draws its charts with JavaScript; please allow scripts for this file. / このレポートの図はJavaScriptで描きます。`)}</noscript></div>`,
    `<script type="application/json" id="${REPORT_DATA_ID}">${scriptSafeJson(payload)}</script>`,
    `<script>${scriptSafe(bundle.script)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
