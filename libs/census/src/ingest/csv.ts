// Census reports as CSV (text/csv, RFC 4180: commas, double quotes, CRLF or LF, an optional
// UTF-8 BOM). The header names the columns with FHIR SANER codes (CENSUS_CSV_COLUMNS), each
// exactly once, in any order; optional figures may be empty. Issues point at `row N, column C`
// where N is the line's number in the file (the header is row 1) and C the column's name.
import type { ValidationIssue } from '@caretwin/contracts';
import { CENSUS_CSV_COLUMNS, type CensusCsvColumn } from './codes';
import {
  REQUEST_FILE,
  checkDrafts,
  type DraftField,
  type DraftRow,
  type IngestContext,
  type IngestResult,
} from './rows';

const FIELD_OF: Readonly<Record<CensusCsvColumn, DraftField>> = {
  date: 'date',
  institution_code: 'institutionCode',
  area: 'area',
  bed_function: 'function',
  numbeds: 'beds',
  numBedsOcc: 'occupied',
  numICUBeds: 'icuBeds',
  numICUBedsOcc: 'icuOccupied',
  numVent: 'vents',
  numVentUse: 'ventsInUse',
  admissions: 'admissions',
  discharges: 'discharges',
};
const COLUMN_OF = Object.fromEntries(Object.entries(FIELD_OF).map(([c, f]) => [f, c])) as Record<
  DraftField,
  CensusCsvColumn
>;

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records with the line each starts on; throws on an unterminated quote. */
export function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new CsvSyntaxError(start, `a quoted field opened on row ${start} never closes`);
  endRecord();
  return records;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const at = (line: number, column: string, index: number | null) => ({
  path: `row ${line}, column ${column}`,
  line,
  column: index === null ? null : index + 1,
});

/** Parses and checks a CSV request; its rows only when every row is right. */
export function parseCensusCsv(text: string, context: IngestContext): IngestResult {
  let records: CsvRecord[];
  try {
    records = readCsvRecords(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return {
      ok: false,
      issues: [issue({ path: `row ${error.line}`, line: error.line, column: null }, error.message)],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      ok: false,
      issues: [issue(at(1, 'date', null), 'the CSV is empty: a header and one row per hospital × function')],
    };

  const issues: ValidationIssue[] = [];
  const index = new Map<string, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim();
    if (!(CENSUS_CSV_COLUMNS as readonly string[]).includes(name))
      issues.push(
        issue(
          at(header.line, name.slice(0, 40) || `#${i + 1}`, i),
          `unknown column "${name.slice(0, 40)}": the header is ${CENSUS_CSV_COLUMNS.join(',')}`,
        ),
      );
    else if (index.has(name)) issues.push(issue(at(header.line, name, i), `column ${name} appears twice`));
    else index.set(name, i);
  });
  for (const column of CENSUS_CSV_COLUMNS)
    if (!index.has(column))
      issues.push(
        issue(
          at(header.line, column, null),
          `column ${column} is missing from the header (${CENSUS_CSV_COLUMNS.join(',')}; optional figures may be empty, not left out)`,
        ),
      );
  if (issues.length > 0) return { ok: false, issues };
  if (body.length === 0)
    return { ok: false, issues: [issue(at(2, 'date', null), 'no rows after the header')] };

  const drafts: DraftRow[] = [];
  for (const record of body) {
    if (record.fields.length !== header.fields.length) {
      issues.push(
        issue(
          { path: `row ${record.line}`, line: record.line, column: null },
          `${record.fields.length} fields where the header has ${header.fields.length}`,
        ),
      );
      continue;
    }
    const values: DraftRow['values'] = {};
    for (const column of CENSUS_CSV_COLUMNS) {
      const cell = record.fields[index.get(column) ?? -1] ?? '';
      values[FIELD_OF[column]] = cell.trim() === '' ? undefined : cell;
    }
    drafts.push({
      values,
      at: (field) => at(record.line, COLUMN_OF[field], index.get(COLUMN_OF[field]) ?? null),
      self: { path: `row ${record.line}`, line: record.line, column: null },
    });
  }
  const checked = checkDrafts(drafts, context);
  const all = [...issues, ...(checked.ok ? [] : checked.issues)];
  return all.length > 0 ? { ok: false, issues: all } : checked;
}

const issue = (
  where: { path: string; line: number | null; column: number | null },
  message: string,
): ValidationIssue => ({
  file: REQUEST_FILE,
  ...where,
  message,
});
