// Census rows → what POST /api/census reads: CSV text (censusCsv) or SANER MeasureReports, one
// per hospital × day with a group per measure and the bed function as stratifier
// (censusMeasureReports, censusBundle). `caretwin feed` posts these; parseCensusCsv and
// parseCensusFhir read them back to the same rows.
import { BED_FUNCTIONS, type CensusRow } from '@caretwin/contracts';
import {
  BED_FUNCTION_JA,
  BED_FUNCTION_STRATIFIER,
  BED_FUNCTION_SYSTEM,
  CENSUS_CSV_COLUMNS,
  CENSUS_MEASURE_SYSTEM,
  CENSUS_MEASURE_URL,
  INSTITUTION_CODE_SYSTEMS,
  MEASURES,
  MEASURE_POPULATION_SYSTEM,
  SANER_MEASURED_VALUES,
  SANER_REPORT_PROFILE,
  TEST_DATA_TAG,
} from './codes';

type Json = Record<string, unknown>;

const SANER_CODES = new Set([
  'numbeds',
  'numBedsOcc',
  'numICUBeds',
  'numICUBedsOcc',
  'numVent',
  'numVentUse',
]);
const measureCoding = (code: string): Json => ({
  system: SANER_CODES.has(code) ? SANER_MEASURED_VALUES : CENSUS_MEASURE_SYSTEM,
  code,
});

const cell = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The rows as CSV (header CENSUS_CSV_COLUMNS; null figures empty), one line per row, CRLF-free. */
export function censusCsv(rows: readonly CensusRow[]): string {
  const lines = rows.map((r) =>
    [
      r.date,
      r.institutionCode,
      r.area,
      r.function,
      r.beds,
      r.occupied,
      r.icuBeds,
      r.icuOccupied,
      r.vents,
      r.ventsInUse,
      r.admissions,
      r.discharges,
    ]
      .map(cell)
      .join(','),
  );
  return `${[CENSUS_CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}

export interface MeasureReportOptions {
  /** tag the reports HTEST (synthetic data) */
  synthetic?: boolean;
  /** MeasureReport.date (when it was made); default: none */
  generatedAt?: string;
}

/**
 * One MeasureReport per hospital × day of `rows`, in the order they first appear. A measure with
 * no figure for any of the hospital's functions that day is left out (never sent as 0); a
 * function without that figure is left out of the measure's strata.
 */
export function censusMeasureReports(rows: readonly CensusRow[], options: MeasureReportOptions = {}): Json[] {
  const byReport = new Map<string, CensusRow[]>();
  for (const row of rows) {
    const key = `${row.date}|${row.institutionCode}`;
    byReport.set(key, [...(byReport.get(key) ?? []), row]);
  }
  return [...byReport.values()].map((group) => {
    const first = group[0] as CensusRow;
    const ordered = BED_FUNCTIONS.flatMap((f) => group.filter((r) => r.function === f));
    const groups = MEASURES.flatMap((measure) => {
      const given = ordered.filter((r) => r[measure.field] !== null);
      if (given.length === 0) return [];
      const total = given.reduce((sum, r) => sum + (r[measure.field] as number), 0);
      const population = (count: number): Json[] => [
        {
          code: {
            coding: [
              { system: MEASURE_POPULATION_SYSTEM, code: 'measure-population' },
              measureCoding(measure.code),
            ],
          },
          count,
        },
      ];
      return [
        {
          code: { coding: [measureCoding(measure.code)] },
          population: population(total),
          measureScore: { value: total },
          stratifier: [
            {
              code: [{ coding: [{ system: BED_FUNCTION_SYSTEM, code: BED_FUNCTION_STRATIFIER }] }],
              stratum: given.map((r) => ({
                value: {
                  coding: [
                    { system: BED_FUNCTION_SYSTEM, code: r.function, display: BED_FUNCTION_JA[r.function] },
                  ],
                },
                population: population(r[measure.field] as number),
                measureScore: { value: r[measure.field] },
              })),
            },
          ],
        },
      ];
    });
    return {
      resourceType: 'MeasureReport',
      id: `census-${first.institutionCode}-${first.date}`,
      meta: {
        profile: [SANER_REPORT_PROFILE],
        ...(options.synthetic ? { tag: [{ ...TEST_DATA_TAG, display: 'test health data' }] } : {}),
      },
      status: 'complete',
      type: 'summary',
      measure: CENSUS_MEASURE_URL,
      subject: {
        type: 'Location',
        identifier: { system: INSTITUTION_CODE_SYSTEMS[0], value: first.institutionCode },
        display: first.hospital,
      },
      ...(options.generatedAt ? { date: options.generatedAt } : {}),
      period: { start: first.date, end: first.date },
      group: groups,
    };
  });
}

/** The reports of `rows` as one Bundle (type collection). */
export function censusBundle(rows: readonly CensusRow[], options: MeasureReportOptions = {}): Json {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: censusMeasureReports(rows, options).map((resource) => ({
      fullUrl: `urn:uuid:${uuidOf(String(resource.id))}`,
      resource,
    })),
  };
}

/** A stable UUID-shaped name from an id (fullUrl must be absolute; no randomness: same rows, same Bundle). */
function uuidOf(id: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    h1 = Math.imul(h1 ^ id.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ id.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
