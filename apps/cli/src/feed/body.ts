// A day's reports as the api takes them, built by @caretwin/census (the same code its parsers
// read back): CSV (text/csv, the SANER-coded header) or FHIR (a Bundle of SANER MeasureReports,
// one per hospital, tagged HTEST as test data). Either way the request goes to
// POST /api/census?synthetic=true.
import type { CensusRow } from '@caretwin/contracts';
import { censusBundle, censusCsv } from '@caretwin/census';

export const FEED_FORMATS = ['csv', 'fhir'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface RequestBody {
  contentType: string;
  body: string;
}

export function requestBody(rows: readonly CensusRow[], format: FeedFormat): RequestBody {
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: censusCsv(rows) };
  return {
    contentType: 'application/fhir+json',
    body: JSON.stringify(censusBundle(rows, { synthetic: true })),
  };
}
