// One HTML file that opens offline: libs/runner/src/report-html.ts (shared with the api's
// GET /api/runs/:id/report since issue 16).
export { REPORT_CSP, scriptSafeJson, standaloneHtml } from '@caretwin/runner';
export type { ReportBundle } from '@caretwin/runner';
