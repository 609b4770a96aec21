// One scenario document on its own: parsed safely, its derived defaults filled in (id from
// the file name, name from the id, start date from the year), checked against the schema.

import { basename } from 'node:path';
import { ScenarioValidationError, type ValidationIssue } from '../errors/scenario-validation-error';
import { IssueList, isPlainObject, type LocatedDocument } from '../parse/located';
import { parseText, type ParsedText } from '../parse/safe-yaml';
import { sanitizeObject } from '../parse/sanitize-object';
import { DEFAULT_YEAR, scenarioSchema } from '../schema/scenario';
import { idSchema } from '../schema/meta';
import { addZodIssues } from '../schema/zod-issues';
import { PROJECTION_YEARS, type Scenario } from '../types';

export interface ScenarioInputOptions {
  /** Name shown in issues (default `<input>`). */
  file?: string;
  /** Id when the document has none (default: the file name without extension, else `scenario`). */
  id?: string;
}

const NOT_A_MAPPING = 'a scenario is a mapping of keys (region, year, horizonDays, policies, …)';

function checkMapping(parsed: ParsedText): ParsedText {
  if (isPlainObject(parsed.doc.value)) return parsed;
  const issues = new IssueList(parsed.doc);
  issues.add([], NOT_A_MAPPING);
  return { doc: parsed.doc, issues: [...parsed.issues, ...issues.issues] };
}

/** Parses scenario text (YAML or JSON); throws only when it cannot be parsed at all. */
export function readScenarioText(text: string, file: string): ParsedText {
  return checkMapping(parseText(text, { file }));
}

/** Takes an already-parsed scenario object through the same gate as text. */
export function readScenarioObject(value: unknown, file: string): ParsedText {
  return checkMapping(sanitizeObject(value, { file }));
}

/** The id a document gets when it writes none. */
export function fallbackId(options: ScenarioInputOptions): string {
  if (options.id !== undefined) return options.id;
  if (options.file !== undefined && /\.(ya?ml|json)$/i.test(options.file)) {
    const id = basename(options.file).replace(/\.(ya?ml|json)$/i, '');
    if (idSchema.safeParse(id).success) return id;
  }
  return 'scenario';
}

/** Adds the defaults that depend on other fields; returns a new mapping. */
export function withDerivedDefaults(value: Record<string, unknown>, id: string): Record<string, unknown> {
  const out = Object.assign(Object.create(null) as Record<string, unknown>, value);
  if (out.id === undefined) out.id = id;
  const ownId = typeof out.id === 'string' ? out.id : id;
  if (out.name === undefined) out.name = { ja: ownId, en: ownId };
  if (out.startDate === undefined) {
    const year = (PROJECTION_YEARS as readonly unknown[]).includes(out.year)
      ? (out.year as number)
      : DEFAULT_YEAR;
    out.startDate = `${year}-04-01`;
  }
  return out;
}

/** Schema-checks a (merged) scenario document, adding issues to `issues`. */
export function checkScenarioSchema(
  doc: LocatedDocument,
  id: string,
  issues: IssueList,
): { value: Record<string, unknown>; scenario?: Scenario } {
  const value = withDerivedDefaults(isPlainObject(doc.value) ? doc.value : {}, id);
  const result = scenarioSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    addZodIssues(result.error, scenarioSchema, value, issues);
    return { value };
  }
  return { value, scenario: result.data };
}

export function invalidScenario(id: string, issues: ValidationIssue[]): ScenarioValidationError {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new ScenarioValidationError('SCENARIO_INVALID', `scenario "${id}" is invalid (${count})`, issues);
}

/**
 * Parses and schema-checks one scenario text on its own: no `extends` resolution, no region
 * checks (ScenarioCatalog.resolve does those). Throws ScenarioValidationError.
 */
export function parseScenarioText(text: string, options: ScenarioInputOptions = {}): Scenario {
  const file = options.file ?? '<input>';
  const parsed = readScenarioText(text, file);
  const issues = new IssueList(parsed.doc);
  const id = fallbackId({ ...options, file });
  const { scenario } = checkScenarioSchema(parsed.doc, id, issues);
  const all = [...parsed.issues, ...issues.issues];
  if (all.length > 0 || !scenario) throw invalidScenario(id, all);
  return scenario;
}
