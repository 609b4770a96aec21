// Census reports as FHIR R4 (application/fhir+json): a MeasureReport, or a Bundle of them, on
// the SANER PublicHealthMeasureReport profile, one per hospital and day:
// - meta.profile claims PublicHealthMeasureReport; status complete; type summary; measure set;
// - subject: the hospital's Location (reference `Location/…` or type `Location`) whose identifier
//   is its 10-digit 医療機関コード (system INSTITUTION_CODE_SYSTEMS, JP Core);
// - period.start: the day of the midnight census (a date, or a dateTime read in Japan time);
// - a group per measure, its code a SANER MeasuredValues code (numbeds, numBedsOcc, numICUBeds,
//   numICUBedsOcc, numVent, numVentUse; admissions and discharges in CENSUS_MEASURE_SYSTEM);
// - in each group a stratifier `bed-function` with a stratum per bed function (value: the id or
//   the Japanese name), the figure as the stratum's population count; a group's own population
//   count, when given, is the sum of its strata.
// - meta.tag v3-ActReason HTEST marks the report synthetic.
// Issues carry FHIRPaths in the form the `fhirpath` library's R4 model names elements
// (`Bundle.entry[2].resource.group[0].stratifier[0].stratum[1].population[0].count`); that
// library evaluates the MeasureReport invariants of the R4 specification (compiled once), and its
// R4 model (element paths, types, repetition) checks each report's shape (./fhir-shape.ts).
import { compile } from 'fhirpath';
import * as r4 from 'fhirpath/fhir-context/r4';
import { checkShape } from './fhir-shape';
import type { BedFunction, ValidationIssue } from '@caretwin/contracts';
import { japanDate } from '../region';
import {
  BED_FUNCTION_STRATIFIER,
  CENSUS_MEASURE_SYSTEM,
  INSTITUTION_CODE_SYSTEMS,
  MEASURES,
  SANER_MEASURED_VALUES,
  SANER_REPORT_PROFILE,
  TEST_DATA_TAG,
  bedFunctionOf,
  type MeasureField,
} from './codes';
import {
  REQUEST_FILE,
  checkDrafts,
  isIsoDate,
  type DraftField,
  type DraftRow,
  type IngestContext,
  type IngestResult,
  type Where,
} from './rows';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const where = (path: string): Where => ({ path, line: null, column: null });
const issue = (path: string, message: string): ValidationIssue => ({
  file: REQUEST_FILE,
  path,
  line: null,
  column: null,
  message,
});

/** R4 MeasureReport invariants (hl7.org/fhir/R4/measurereport.html), evaluated with fhirpath. */
const INVARIANTS = [
  {
    key: 'mrp-1',
    human: 'Measure Reports used for data collection SHALL NOT communicate group and score information',
    expression: "(type != 'data-collection') or group.exists().not()",
  },
  {
    key: 'mrp-2',
    human: 'Stratifiers SHALL be either a single criteria or a set of criteria components',
    expression: 'group.stratifier.stratum.all(value.exists() xor component.exists())',
  },
].map((invariant) => ({ ...invariant, holds: compile(invariant.expression, r4) }));

interface ReportNode {
  /** the report's FHIRPath: `MeasureReport` or `Bundle.entry[2].resource` */
  path: string;
  report: Json;
}

/**
 * The MeasureReports of the document, each with its FHIRPath — the form fhirpath's R4 model gives
 * its nodes (`Bundle.entry[2].resource`), built here by index: fhirpath's own path naming throws
 * on malformed resources (a `resourceType` that is not a string), and a refusal must not.
 */
function reportsOf(doc: Json, issues: ValidationIssue[]): ReportNode[] {
  if (doc.resourceType === 'MeasureReport') return [{ path: 'MeasureReport', report: doc }];
  const entries = arrayOf(doc.entry);
  if (entries.length === 0) {
    issues.push(issue('Bundle.entry', 'the Bundle has no entries: one MeasureReport per hospital and day'));
    return [];
  }
  const reports: ReportNode[] = [];
  entries.forEach((entry, i) => {
    const path = `Bundle.entry[${i}].resource`;
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource)) issues.push(issue(path, 'an entry without a resource'));
    else if (resource.resourceType === 'MeasureReport') reports.push({ path, report: resource });
    else
      issues.push(
        issue(
          `${path}.resourceType`,
          `a ${JSON.stringify(resource.resourceType ?? null)
            .replace(/^"|"$/g, '')
            .slice(0, 40)}: the Bundle carries MeasureReports only`,
        ),
      );
  });
  return reports;
}

const codingsOf = (concept: unknown): Json[] =>
  isObject(concept) ? arrayOf(concept.coding).filter(isObject) : [];

/** The report day of period.start: a date as is, a dateTime as its day in Japan. */
function reportDate(start: unknown): string | undefined {
  if (typeof start !== 'string') return undefined;
  if (isIsoDate(start)) return start;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(start)) return undefined;
  const t = Date.parse(start);
  return Number.isNaN(t) ? undefined : japanDate(new Date(t));
}

interface FunctionDraft {
  values: Partial<Record<DraftField, unknown>>;
  at: Partial<Record<DraftField, string>>;
  self: string;
}

/** Reads one report into drafts (one per bed function), or issues about its frame. */
function readReport(node: ReportNode, issues: ValidationIssue[]): { drafts: DraftRow[]; synthetic: boolean } {
  const { path: P, report } = node;
  // R4's shape first (elements, arrays, JSON kinds), against the fhirpath library's R4 model
  for (const problem of checkShape(report, 'MeasureReport', P))
    issues.push(issue(problem.path, problem.message));
  const meta = isObject(report.meta) ? report.meta : {};
  const profiles = arrayOf(meta.profile);
  if (!profiles.includes(SANER_REPORT_PROFILE))
    issues.push(
      issue(
        `${P}.meta.profile`,
        `wrong profile: ${profiles.length ? profiles.map((p) => String(p).slice(0, 100)).join(', ') : 'none claimed'}; a census report claims ${SANER_REPORT_PROFILE}`,
      ),
    );
  if (report.status !== 'complete')
    issues.push(
      issue(`${P}.status`, `status ${JSON.stringify(report.status ?? null)}: a census report is complete`),
    );
  if (report.type !== 'summary')
    issues.push(
      issue(`${P}.type`, `type ${JSON.stringify(report.type ?? null)}: a census report is a summary`),
    );
  if (typeof report.measure !== 'string' || report.measure === '')
    issues.push(issue(`${P}.measure`, 'measure is missing (the canonical URL of the Measure reported)'));
  const synthetic = arrayOf(meta.tag).some(
    (t) => isObject(t) && t.system === TEST_DATA_TAG.system && t.code === TEST_DATA_TAG.code,
  );

  for (const invariant of INVARIANTS) {
    let holds: unknown;
    try {
      holds = (invariant.holds(report) as unknown[])[0];
    } catch (error) {
      // fhirpath refuses elements of the wrong FHIR type (a string where a BackboneElement goes)
      holds = `not evaluable: ${(error as Error).message.slice(0, 100)}`;
    }
    if (holds !== true)
      issues.push(
        issue(P, `${invariant.key}: ${invariant.human}${typeof holds === 'string' ? ` (${holds})` : ''}`),
      );
  }

  // the subject: the hospital's Location, named by its 医療機関コード
  let institutionCode: unknown;
  const subject = report.subject;
  if (!isObject(subject)) issues.push(issue(`${P}.subject`, "subject is missing: the hospital's Location"));
  else {
    const refType =
      typeof subject.reference === 'string' ? /^([A-Za-z]+)\//.exec(subject.reference)?.[1] : undefined;
    const declared = typeof subject.type === 'string' ? subject.type : undefined;
    const kind = declared ?? refType;
    if (kind !== 'Location' || (refType !== undefined && refType !== 'Location'))
      issues.push(
        issue(
          `${P}.subject`,
          `wrong subject type: ${kind ? `a ${kind.slice(0, 40)}` : 'no type or Location/ reference'}; the subject is the hospital's Location (reference Location/… or type Location)`,
        ),
      );
    const identifier = subject.identifier;
    if (!isObject(identifier))
      issues.push(
        issue(`${P}.subject.identifier`, "the subject's identifier is missing: the 10-digit 医療機関コード"),
      );
    else if (!(INSTITUTION_CODE_SYSTEMS as readonly unknown[]).includes(identifier.system))
      issues.push(
        issue(
          `${P}.subject.identifier.system`,
          `identifier system ${JSON.stringify(identifier.system ?? null).slice(0, 100)}: the 医療機関コード's is ${INSTITUTION_CODE_SYSTEMS.join(' or ')}`,
        ),
      );
    else if (typeof identifier.value !== 'string' || identifier.value === '')
      issues.push(issue(`${P}.subject.identifier.value`, 'the 医療機関コード (identifier.value) is missing'));
    else institutionCode = identifier.value;
  }

  const period = isObject(report.period) ? report.period : {};
  const date = reportDate(period.start);
  if (period.start === undefined)
    issues.push(issue(`${P}.period.start`, 'period.start is missing: the day of the census'));
  else if (date === undefined)
    issues.push(
      issue(`${P}.period.start`, `${JSON.stringify(period.start).slice(0, 40)} is not a date or dateTime`),
    );
  else if (period.end !== undefined && reportDate(period.end) !== date)
    issues.push(issue(`${P}.period.end`, `a census report covers one day: period.end is not on ${date}`));

  // figures: a group per measure, a stratum per bed function
  const byFunction = new Map<BedFunction, FunctionDraft>();
  const unknownFunctions: FunctionDraft[] = [];
  const groupOf = new Map<MeasureField, string>();
  const groups = arrayOf(report.group);
  if (groups.length === 0)
    issues.push(issue(`${P}.group`, 'no groups: a group per measure (numbeds, numBedsOcc, …)'));
  groups.forEach((rawGroup, gi) => {
    const G = `${P}.group[${gi}]`;
    const group = isObject(rawGroup) ? rawGroup : {};
    const coding = codingsOf(group.code).find(
      (c) =>
        (c.system === SANER_MEASURED_VALUES || c.system === CENSUS_MEASURE_SYSTEM) &&
        typeof c.code === 'string',
    );
    const measure = MEASURES.find((m) => m.code === coding?.code);
    if (!measure) {
      const named = codingsOf(group.code).map((c) => `${String(c.system)}#${String(c.code)}`.slice(0, 100));
      issues.push(
        issue(
          `${G}.code`,
          `unknown measure ${named.join(', ') || '(no coding)'}: ${MEASURES.map((m) => m.code).join(', ')} (SANER MeasuredValues; admissions and discharges in ${CENSUS_MEASURE_SYSTEM})`,
        ),
      );
      return;
    }
    if (groupOf.has(measure.field)) {
      issues.push(
        issue(`${G}.code`, `a second ${measure.code} group (first at ${groupOf.get(measure.field)})`),
      );
      return;
    }
    groupOf.set(measure.field, G);
    const populationIndex = (populations: unknown[]): number => {
      const i = populations.findIndex((p) =>
        codingsOf(isObject(p) ? p.code : undefined).some((c) => c.code === measure.code),
      );
      return i >= 0 ? i : populations.length === 1 ? 0 : -1;
    };

    const stratifiers = arrayOf(group.stratifier);
    const si = stratifiers.findIndex(
      (s) =>
        isObject(s) &&
        arrayOf(s.code).some((code) => codingsOf(code).some((c) => c.code === BED_FUNCTION_STRATIFIER)),
    );
    if (si < 0) {
      issues.push(
        issue(
          `${G}.stratifier`,
          `no ${BED_FUNCTION_STRATIFIER} stratifier: the bed function is a stratifier of each group`,
        ),
      );
      return;
    }
    let sum = 0;
    let summable = true;
    arrayOf((stratifiers[si] as Json).stratum).forEach((rawStratum, ki) => {
      const S = `${G}.stratifier[${si}].stratum[${ki}]`;
      const stratum = isObject(rawStratum) ? rawStratum : {};
      const value = isObject(stratum.value) ? stratum.value : {};
      const name =
        codingsOf(value)
          .map((c) => c.code)
          .find((c) => typeof c === 'string') ?? value.text;
      const fn = typeof name === 'string' ? bedFunctionOf(name) : undefined;
      const populations = arrayOf(stratum.population);
      const pi = populationIndex(populations);
      const count = pi >= 0 && isObject(populations[pi]) ? (populations[pi] as Json).count : undefined;
      const countPath = pi >= 0 ? `${S}.population[${pi}].count` : `${S}.population`;
      if (typeof count === 'number') sum += count;
      else summable = false;
      let draft: FunctionDraft;
      if (!fn) {
        draft = { values: { function: name ?? '' }, at: { function: `${S}.value` }, self: S };
        unknownFunctions.push(draft);
      } else {
        const existing = byFunction.get(fn);
        if (existing && existing.values[measure.field] !== undefined) {
          issues.push(issue(S, `duplicate: a second ${fn} stratum in the ${measure.code} group`));
          return;
        }
        draft = existing ?? { values: { function: fn }, at: { function: `${S}.value` }, self: S };
        byFunction.set(fn, draft);
      }
      draft.values[measure.field] = count ?? null;
      draft.at[measure.field] = countPath;
      if (count === undefined && pi >= 0) draft.values[measure.field] = null;
    });
    const total = arrayOf(group.population);
    const ti = populationIndex(total);
    const totalCount = ti >= 0 && isObject(total[ti]) ? (total[ti] as Json).count : undefined;
    if (typeof totalCount === 'number' && summable && totalCount !== sum)
      issues.push(
        issue(
          `${G}.population[${ti}].count`,
          `${measure.code} ${totalCount} is not the sum of its bed-function strata (${sum})`,
        ),
      );
  });

  const drafts: DraftRow[] = [...byFunction.values(), ...unknownFunctions].map((d) => ({
    values: { ...d.values, date, institutionCode },
    at: (field) => {
      if (field === 'date') return where(`${P}.period.start`);
      if (field === 'institutionCode') return where(`${P}.subject.identifier.value`);
      const known = d.at[field];
      if (known) return where(known);
      const group = MEASURES.some((m) => m.field === field) ? groupOf.get(field as MeasureField) : undefined;
      // a figure absent: its group's stratifier (no stratum of this function), or the groups (no such group)
      return where(group ? `${group}.stratifier` : `${P}.group`);
    },
    self: where(d.self),
  }));
  // a report without a usable date or code: its frame issue says so; no per-row repeats
  if (date === undefined || institutionCode === undefined) return { drafts: [], synthetic };
  return { drafts, synthetic };
}

/** Parses and checks a FHIR request (MeasureReport or Bundle); its rows only when all is right. */
export function parseCensusFhir(doc: unknown, context: IngestContext): IngestResult {
  if (!isObject(doc) || (doc.resourceType !== 'MeasureReport' && doc.resourceType !== 'Bundle'))
    return {
      ok: false,
      issues: [
        issue(
          isObject(doc) ? 'resourceType' : '',
          `a ${isObject(doc) ? String(doc.resourceType ?? 'resource without resourceType').slice(0, 40) : 'non-object'}: send a MeasureReport or a Bundle of them`,
        ),
      ],
    };
  const issues: ValidationIssue[] = [];
  const reports = reportsOf(doc, issues);
  const drafts: DraftRow[] = [];
  const tags = new Set<boolean>();
  for (const node of reports) {
    const read = readReport(node, issues);
    drafts.push(...read.drafts);
    tags.add(read.synthetic);
  }
  if (tags.size > 1)
    issues.push(
      issue(
        doc.resourceType === 'Bundle' ? 'Bundle.entry' : '',
        'some reports are tagged HTEST (synthetic) and some not: send them apart',
      ),
    );
  const checked = checkDrafts(drafts, context);
  const all = [...issues, ...(checked.ok ? [] : checked.issues)];
  if (all.length > 0) return { ok: false, issues: all };
  return checked.ok ? { ...checked, synthetic: tags.has(true) } : checked;
}
