// CSV for planners' spreadsheets (docs/architecture.md "Decisions"): UTF-8 with a byte-order mark so Excel
// in Japan opens it as UTF-8, CRLF lines, RFC 4180 quoting, and comment lines on top that say
// what the table is and which inputs are synthetic or estimated — the same layout as the api's
// and the CLI's CSV files (libs/runner/src/result-csv.ts).

export type CsvCell = string | number | boolean | null | undefined;

/** One exportable table: the data behind a chart, with its labels. */
export interface DataTable {
  /** what the table is (first comment line), e.g. "Occupancy by area and function — run …" */
  title: string;
  /** further comment lines: synthetic / estimated inputs, what the CIs are */
  notes: string[];
  /** the header as written (names in the page's language, with units) */
  columns: string[];
  /** stable ids of the columns (for joins and tests; not written) */
  columnIds?: string[];
  rows: CsvCell[][];
}

export const BOM = '\uFEFF';

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // as given: the tables round for a planner's reading (export/tables.ts)
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Text that a spreadsheet would run as a formula (a scenario name typed as "=…") is kept as
  // text with a leading apostrophe (OWASP CSV injection); numbers are never touched.
  if (typeof value === 'string' && /^(?:[=+@\t\r]|-(?![\d.]))/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^[\s#]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly CsvCell[]): string => cells.map(cell).join(',');

/** A comment line keeps to one line whatever the text holds. */
const comment = (text: string): string => `# ${text.replace(/[\r\n]+/g, ' ')}`;

/** The file's text, BOM first. */
export function toCsv(table: DataTable): string {
  const lines = [
    comment(table.title),
    ...table.notes.map(comment),
    line(table.columns),
    ...table.rows.map(line),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A Blob of the file (text/csv, UTF-8: the BOM stays in the bytes). */
export const csvBlob = (table: DataTable): Blob =>
  new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' });
