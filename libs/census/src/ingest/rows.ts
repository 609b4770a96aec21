// The checks both formats share, on rows read from a CSV line or a MeasureReport's strata:
// dates (ISO, not after today in Japan), the hospital by its 医療機関コード, the area it is in,
// the bed function, whole non-negative figures, in use ≤ available, and one report per
// hospital × function × day in a request. Each issue names where it is (a CSV row and column,
// or a FHIRPath). All or nothing: one issue and the request stores nothing.
import type { CensusRow, ValidationIssue } from '@caretwin/contracts';
import { institutionCodeProblem } from '@caretwin/scenario';
import type { CensusRegion } from '../region';
import { AT_MOST, BED_FUNCTION_JA, MEASURES, bedFunctionOf, type MeasureField } from './codes';

export type DraftField = 'date' | 'institutionCode' | 'area' | 'function' | MeasureField;

/** Where a value sits: the issue's path, and line/column for text (CSV). */
export interface Where {
  path: string;
  line: number | null;
  column: number | null;
}

/** A row as read, before its checks: values raw (CSV text, JSON values); absent = undefined. */
export interface DraftRow {
  values: Partial<Record<DraftField, unknown>>;
  /** where a field's value is (or, when absent, where it should have been) */
  at(field: DraftField): Where;
  /** where the row itself is (duplicates point here) */
  self: Where;
}

export interface IngestContext {
  region: CensusRegion;
  /** today in Japan (YYYY-MM-DD): a report dated later is refused */
  today: string;
}

export type IngestResult =
  { ok: true; rows: CensusRow[]; synthetic: boolean } | { ok: false; issues: ValidationIssue[] };

export const REQUEST_FILE = '<request>';

export const issueAt = (where: Where, message: string): ValidationIssue => ({
  file: REQUEST_FILE,
  path: where.path,
  line: where.line,
  column: where.column,
  message,
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** A figure: a whole number ≥ 0, null when absent; a string when it is not one (the reason). */
function figure(raw: unknown): number | null | string {
  if (raw === undefined || raw === null || raw === '') return null;
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(raw)) value = Number(raw);
  else return `${JSON.stringify(raw).slice(0, 40)} is not a number`;
  if (!Number.isFinite(value)) return `${String(value)} is not a number`;
  if (!Number.isInteger(value)) return `${value} is not a whole number`;
  if (value < 0) return `${value} is negative`;
  return value;
}

/** Checks every draft; the rows only when nothing is wrong anywhere. */
export function checkDrafts(
  drafts: readonly DraftRow[],
  context: IngestContext,
): IngestResult & { ok: boolean } {
  const issues: ValidationIssue[] = [];
  const rows: CensusRow[] = [];
  const seen = new Map<string, Where>();
  for (const draft of drafts) {
    const before = issues.length;
    const add = (field: DraftField, message: string) => issues.push(issueAt(draft.at(field), message));
    const v = draft.values;

    const date = typeof v.date === 'string' ? v.date.trim() : v.date;
    if (date === undefined || date === '')
      add('date', 'date is missing (YYYY-MM-DD, the day of the midnight census)');
    else if (typeof date !== 'string' || !isIsoDate(date))
      add('date', `${JSON.stringify(date).slice(0, 40)} is not a date (YYYY-MM-DD)`);
    else if (date > context.today)
      add('date', `${date} is in the future (today is ${context.today} in Japan)`);

    const code = typeof v.institutionCode === 'string' ? v.institutionCode.trim() : v.institutionCode;
    const hospital = typeof code === 'string' ? context.region.byCode.get(code) : undefined;
    if (code === undefined || code === '') add('institutionCode', 'the 医療機関コード is missing');
    else if (typeof code !== 'string') add('institutionCode', 'the 医療機関コード is a string of 10 digits');
    else if (!hospital) {
      const problem = institutionCodeProblem(code);
      add(
        'institutionCode',
        problem
          ? `"${code.slice(0, 40)}" is not a 医療機関コード: ${problem}`
          : `unknown hospital: no hospital of region ${context.region.id} has 医療機関コード ${code}`,
      );
    }

    const area = typeof v.area === 'string' ? v.area.trim() : v.area;
    if (hospital && area !== undefined && area !== '' && area !== hospital.area)
      add(
        'area',
        `hospital ${hospital.id} (${hospital.institutionCode}) is in area ${hospital.area}, not ${String(area).slice(0, 40)}`,
      );

    const fnRaw = v.function;
    const fn = typeof fnRaw === 'string' ? bedFunctionOf(fnRaw) : undefined;
    if (fnRaw === undefined || fnRaw === '') add('function', 'the bed function is missing');
    else if (!fn)
      add(
        'function',
        `unknown bed function ${JSON.stringify(fnRaw).slice(0, 40)}: one of ${Object.entries(BED_FUNCTION_JA)
          .map(([id, ja]) => `${id} (${ja})`)
          .join(', ')}`,
      );

    const figures: Partial<Record<MeasureField, number | null>> = {};
    for (const measure of MEASURES) {
      const value = figure(v[measure.field]);
      if (typeof value === 'string') add(measure.field, `${measure.code}: ${value}`);
      else if (value === null && measure.required) add(measure.field, `${measure.code} is missing`);
      else figures[measure.field] = value;
    }
    for (const [used, of] of AT_MOST) {
      const a = figures[used];
      const b = figures[of];
      if (typeof a === 'number' && typeof b === 'number' && a > b)
        add(used, `${codeOf(used)} ${a} is more than ${codeOf(of)} ${b}`);
      else if (typeof a === 'number' && b === null) add(of, `${codeOf(used)} is given without ${codeOf(of)}`);
    }

    if (hospital && fn && typeof date === 'string' && isIsoDate(date)) {
      const k = `${date}|${hospital.id}|${fn}`;
      const first = seen.get(k);
      if (first)
        issues.push(
          issueAt(
            draft.self,
            `duplicate: ${hospital.id} (${hospital.institutionCode}) ${fn} on ${date} is reported twice in this request (first at ${first.path})`,
          ),
        );
      else seen.set(k, draft.self);
    }

    if (issues.length === before && hospital && fn && typeof date === 'string')
      rows.push({
        date,
        hospital: hospital.id,
        institutionCode: hospital.institutionCode,
        area: hospital.area,
        function: fn,
        beds: figures.beds ?? 0,
        occupied: figures.occupied ?? 0,
        icuBeds: figures.icuBeds ?? null,
        icuOccupied: figures.icuOccupied ?? null,
        vents: figures.vents ?? null,
        ventsInUse: figures.ventsInUse ?? null,
        admissions: figures.admissions ?? null,
        discharges: figures.discharges ?? null,
      });
  }
  if (issues.length === 0) return { ok: true, rows, synthetic: false };
  // a report's frame is shared by its functions' rows (FHIR): say what is wrong with it once
  const once = new Map(issues.map((i) => [`${i.path}\n${i.message}`, i]));
  return { ok: false, issues: [...once.values()] };
}

const codeOf = (field: MeasureField): string => MEASURES.find((m) => m.field === field)?.code ?? field;
