// The data a standalone report carries: libs/runner/src/report-html.ts (shared with the api's
// GET /api/runs/:id/report since issue 16).
export { REPORT_DATA_ID, REPORT_FORMAT, slimResult } from '@caretwin/runner';
export type { ReportPayload } from '@caretwin/runner';
