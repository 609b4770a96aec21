// From a scenario document to what the model runs: follow `extends` (cycles and unknown bases
// refused), merge, fill defaults, validate against the schema, the region and the demand
// expression, and report every issue at once.

import type { Region, ResolvedScenario } from '../types';
import { unknownName } from '../errors/did-you-mean';
import { ScenarioValidationError, type ValidationIssue } from '../errors/scenario-validation-error';
import { demandMultiplierByHour, ExpressionBudgetError } from '../expressions/multiplier-by-hour';
import { ExpressionError } from '../expressions/compile-expression';
import { EXPRESSION_MAX_LENGTH } from '../expressions/limits';
import { IssueList, isPlainObject, type LocatedDocument } from '../parse/located';
import { finite, record } from '../parse/raw';
import type { ParsedText } from '../parse/safe-yaml';
import { DEFAULT_REGION, EXTENDS_PATTERN } from '../schema/scenario';
import { checkScenarioAgainstRegion } from './check-scenario';
import { mergeScenarioDocuments } from './extends';
import { checkScenarioSchema, invalidScenario } from './parse-scenario';

/** Longest `extends` chain (baseline of a baseline …). */
export const MAX_EXTENDS_DEPTH = 16;

export interface LoadedEntry {
  /** Unique key for cycle detection, e.g. `shipped:miyagi-surge`, `saved:my-plan@3`. */
  key: string;
  /** Id shown in messages. */
  label: string;
  parsed: ParsedText;
  /** Shipped scenarios: the file name, which a written `id` must equal. */
  expectedId?: string;
}

export interface ResolutionContext {
  /** Loads `id` (latest or pinned `version`); undefined when unknown. Throws for unparseable entries. */
  load(id: string, version: number | undefined): LoadedEntry | undefined | ValidationIssue[];
  knownScenarioIds(): string[];
  /** The region, or the issues that make it unusable. */
  region(id: string): { region: Region } | { issues: ValidationIssue[]; unknown: boolean };
  knownRegionIds(): string[];
}

function withBaselines(
  entry: LoadedEntry,
  chain: LoadedEntry[],
  ctx: ResolutionContext,
  issues: ValidationIssue[],
): LocatedDocument {
  const doc = entry.parsed.doc;
  const ext = isPlainObject(doc.value) ? doc.value.extends : undefined;
  if (typeof ext !== 'string') return doc;
  const local = new IssueList(doc);
  const match = EXTENDS_PATTERN.exec(ext);
  if (!match) return doc; // the schema reports the malformed reference
  const [, id, version] = match;
  const here = [...chain, entry];
  const done = () => {
    issues.push(...local.issues);
    return doc;
  };
  if (here.length > MAX_EXTENDS_DEPTH) {
    local.add(
      ['extends'],
      `extends chain longer than ${MAX_EXTENDS_DEPTH}: ${here.map((e) => e.label).join(' → ')}`,
    );
    return done();
  }
  const loaded = ctx.load(id, version === undefined ? undefined : Number(version));
  if (loaded === undefined) {
    local.add(['extends'], unknownName('baseline scenario', 'scenarios', ext, ctx.knownScenarioIds()));
    return done();
  }
  if (Array.isArray(loaded)) {
    local.add(['extends'], `baseline "${ext}" cannot be read (its own problems are listed below)`);
    issues.push(...local.issues, ...loaded);
    return doc;
  }
  const cycleStart = here.findIndex((e) => e.key === loaded.key);
  if (cycleStart >= 0) {
    const cycle = [...here.slice(cycleStart).map((e) => e.label), loaded.label];
    local.add(['extends'], `extends cycle: ${cycle.join(' → ')}`);
    return done();
  }
  issues.push(...loaded.parsed.issues);
  checkExpectedId(loaded, issues);
  const base = withBaselines(loaded, here, ctx, issues);
  return mergeScenarioDocuments(base, doc);
}

function checkExpectedId(entry: LoadedEntry, issues: ValidationIssue[]): void {
  const value = record(entry.parsed.doc.value);
  if (entry.expectedId !== undefined && typeof value.id === 'string' && value.id !== entry.expectedId) {
    const list = new IssueList(entry.parsed.doc);
    list.add(['id'], `id "${value.id}" must equal the file name "${entry.expectedId}"`);
    issues.push(...list.issues);
  }
}

/** Values the schema refused are not used for further checks (their issue is already listed). */
function validDays(value: unknown, fallback: number): number {
  const n = finite(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 3650 ? n : fallback;
}

export interface ResolveLimits {
  /** Most expression node evaluations (nodes × simulated hours); default: no limit. */
  expressionBudget?: number;
}

/** The hourly multiplier table, or undefined after adding why the expression is refused. */
function evaluateDemand(
  demand: Record<string, unknown>,
  totalDays: number,
  list: IssueList,
  limits: ResolveLimits,
  costly: IssueList,
): Float64Array | undefined {
  const source =
    typeof demand.multiplier === 'number' ? String(demand.multiplier) : (demand.multiplier ?? '1');
  if (typeof source !== 'string' || source.length > EXPRESSION_MAX_LENGTH) return undefined; // the schema reports it
  const bound = finite(demand.maxMultiplier);
  const maxMultiplier =
    demand.maxMultiplier === undefined ? 2 : bound !== undefined && bound > 0 ? bound : Infinity;
  try {
    return demandMultiplierByHour(source, totalDays, maxMultiplier, limits.expressionBudget).byHour;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    (error instanceof ExpressionBudgetError ? costly : list).add(['demand', 'multiplier'], error.message);
    return undefined;
  }
}

export function resolveEntry(
  entry: LoadedEntry,
  fallbackId: string,
  ctx: ResolutionContext,
  limits: ResolveLimits = {},
): ResolvedScenario {
  const issues: ValidationIssue[] = [...entry.parsed.issues];
  if (!isPlainObject(entry.parsed.doc.value)) throw invalidScenario(fallbackId, issues);
  checkExpectedId(entry, issues);
  const merged = withBaselines(entry, [], ctx, issues);
  const list = new IssueList(merged);
  const { value, scenario } = checkScenarioSchema(merged, entry.expectedId ?? fallbackId, list);

  const regionId =
    typeof value.region === 'string' ? value.region : value.region === undefined ? DEFAULT_REGION : undefined;
  let region: Region | undefined;
  let regionIssues: ValidationIssue[] = [];
  if (regionId !== undefined) {
    const loaded = ctx.region(regionId);
    if ('region' in loaded) region = loaded.region;
    else if (loaded.unknown)
      list.add(['region'], unknownName('region', 'regions', regionId, ctx.knownRegionIds()));
    else {
      list.add(['region'], `the data of region "${regionId}" is invalid (its problems are listed below)`);
      regionIssues = loaded.issues;
    }
  }

  const totalDays = validDays(value.warmupDays, 120) + validDays(value.horizonDays, 365);
  if (region) checkScenarioAgainstRegion(value, region, totalDays, list);
  const costly = new IssueList(merged);
  const byHour = evaluateDemand(record(value.demand), totalDays, list, limits, costly);

  const all = [...issues, ...list.issues, ...regionIssues];
  if (all.length > 0 || !scenario || !region || !byHour) {
    const id = scenario?.id ?? (typeof value.id === 'string' ? value.id : fallbackId);
    if (costly.length > 0)
      throw new ScenarioValidationError(
        'SCENARIO_TOO_COSTLY',
        `scenario "${id}" is over the expression cost budget at demand.multiplier`,
        [...costly.issues, ...all],
      );
    const onlyRegion = regionIssues.length > 0 && all.length === regionIssues.length + 1;
    if (onlyRegion) {
      throw new ScenarioValidationError(
        'REGION_INVALID',
        `scenario "${id}" cannot be checked: the data of region "${regionId}" is invalid`,
        all,
      );
    }
    throw invalidScenario(id, all);
  }
  return { scenario, region, demandMultiplierByHour: byHour };
}
