// What `caretwin report` embeds in the HTML file beside the bundle: the result document (slimmed
// of per-replication series the report does not draw), and optionally the baseline it is
// compared with and the comparison b − a. The CLI writes it; the report bundle reads it back
// from <script type="application/json" id="caretwin-report">.
import type { Comparison, RegionBoundaries } from '@caretwin/contracts';
import type { ResultDocument } from '../api/types';

export const REPORT_FORMAT = 'caretwin-report';
export const REPORT_DATA_ID = 'caretwin-report';

export interface ReportPayload {
  format: typeof REPORT_FORMAT;
  version: 1;
  /** ISO time the file was written */
  generatedAt: string;
  /** e.g. "caretwin 0.1.0" */
  generator: string;
  /** the result file's name as given to the command */
  source: string;
  result: ResultDocument;
  baseline?: { source: string; result: ResultDocument; comparison: Comparison };
  /** the area the dashboard's filter had selected (issue 16): its section comes first */
  area?: string;
  /** the region's municipal boundaries for the map; absent: municipalities as points */
  boundaries?: RegionBoundaries;
}

/** Reads the payload from the page; a message says what is wrong instead of a blank page. */
export function readPayload(doc: Document): ReportPayload {
  const element = doc.getElementById(REPORT_DATA_ID);
  if (!element?.textContent)
    throw new Error(`no <script id="${REPORT_DATA_ID}"> with the result in this file`);
  const payload = JSON.parse(element.textContent) as Partial<ReportPayload>;
  if (
    payload.format !== REPORT_FORMAT ||
    payload.version !== 1 ||
    !payload.result?.provenance ||
    !payload.result.aggregate
  ) {
    throw new Error(`this file's data is not a ${REPORT_FORMAT} version 1 payload`);
  }
  return payload as ReportPayload;
}
