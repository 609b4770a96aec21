// Loads a region: every YAML/JSON file of scenarios/data/<region>/ is a mapping of some Region
// fields plus an optional `sources:` map; the files are merged (a field defined in two files
// is an error naming both) and validated as one Region, issues pointing at file, line, column.

import { existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { basename, join, relative, isAbsolute } from 'node:path';
import { ScenarioValidationError, type ValidationIssue } from '../errors/scenario-validation-error';
import { IssueList, isPlainObject, type LocatedDocument, type SourcePosition } from '../parse/located';
import { REGION_FILE_LIMITS } from '../parse/limits';
import { parseText, tooLargeError } from '../parse/safe-yaml';
import { regionSchema } from '../schema/region';
import { addZodIssues } from '../schema/zod-issues';
import type { Region } from '../types';
import { checkRegion } from './check-region';

export interface LoadRegionOptions {
  /** File names in issues are shown relative to this directory (default: the working directory). */
  displayRoot?: string;
}

const DATA_FILE = /\.(ya?ml|json)$/i;

export function displayName(file: string, root: string | undefined): string {
  const rel = relative(root ?? process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel.split('\\').join('/');
}

function regionError(dirName: string, issues: ValidationIssue[]): ScenarioValidationError {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new ScenarioValidationError(
    'REGION_INVALID',
    `region data ${dirName} is invalid (${count})`,
    issues,
  );
}

/** Reads and merges the files of a region directory, without schema validation. */
export function readRegionDocument(
  dir: string,
  options: LoadRegionOptions = {},
): { doc: LocatedDocument; issues: ValidationIssue[] } {
  const shownDir = displayName(dir, options.displayRoot);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw regionError(shownDir, [
      { file: shownDir, path: '', line: null, column: null, message: 'region directory not found' },
    ]);
  }
  const files = readdirSync(dir)
    .filter((name) => DATA_FILE.test(name) && statSync(join(dir, name)).isFile())
    .sort();
  if (files.length === 0) {
    throw regionError(shownDir, [
      {
        file: shownDir,
        path: '',
        line: null,
        column: null,
        message: 'no region data files (*.yaml) in this directory',
      },
    ]);
  }

  const issues: ValidationIssue[] = [];
  const merged = Object.create(null) as Record<string, unknown>;
  const sources = Object.create(null) as Record<string, unknown>;
  const sourceFile = new Map<string, string>();
  const fieldFile = new Map<string, string>();
  const positions = new Map<string, SourcePosition>();

  for (const name of files) {
    const path = join(dir, name);
    const file = displayName(path, options.displayRoot);
    const size = statSync(path).size;
    if (size > REGION_FILE_LIMITS.maxBytes) {
      issues.push(...tooLargeError(file, size, REGION_FILE_LIMITS.maxBytes).issues);
      continue;
    }
    let parsed;
    try {
      parsed = parseText(readFileSync(path, 'utf8'), { file, limits: REGION_FILE_LIMITS });
    } catch (error) {
      if (!(error instanceof ScenarioValidationError)) throw error;
      issues.push(...error.issues);
      continue;
    }
    issues.push(...parsed.issues);
    const value = parsed.doc.value;
    if (!isPlainObject(value)) {
      issues.push({
        file,
        path: '',
        line: 1,
        column: 1,
        message: 'a region file is a mapping of region fields (and `sources:`)',
      });
      continue;
    }
    const fileIssues = new IssueList(parsed.doc);
    for (const key of Object.keys(value)) {
      if (key === 'sources') {
        if (!isPlainObject(value.sources)) {
          fileIssues.add(['sources'], 'sources is a mapping of source key to source line');
          continue;
        }
        for (const [sourceKey, line] of Object.entries(value.sources)) {
          const earlier = sourceFile.get(sourceKey);
          if (earlier !== undefined && sources[sourceKey] !== line) {
            fileIssues.add(
              ['sources', sourceKey],
              `source "${sourceKey}" is also defined, differently, in ${earlier}`,
            );
            continue;
          }
          sources[sourceKey] = line;
          sourceFile.set(sourceKey, file);
        }
        continue;
      }
      const earlier = fieldFile.get(key);
      if (earlier !== undefined) {
        fileIssues.add([key], `"${key}" is defined in both ${earlier} and ${file}`);
        continue;
      }
      fieldFile.set(key, file);
      merged[key] = value[key];
    }
    issues.push(...fileIssues.issues);
    for (const [key, position] of parsed.doc.positions)
      if (key !== '' && !positions.has(key)) positions.set(key, position);
  }
  merged.sources = sources;
  // The region as a whole (a missing field) belongs to the directory, not to one of its files.
  positions.set('', { file: shownDir, line: null, column: null });
  return { doc: { file: shownDir, value: merged, positions }, issues };
}

/** Loads and validates a region directory; throws ScenarioValidationError (REGION_INVALID) with every issue. */
export function loadRegion(dir: string, options: LoadRegionOptions = {}): Region {
  const { doc, issues: readIssues } = readRegionDocument(dir, options);
  const issues = new IssueList(doc);
  const value = doc.value as Record<string, unknown>;
  const result = regionSchema.safeParse(value, { reportInput: true });
  if (!result.success) addZodIssues(result.error, regionSchema, value, issues);
  checkRegion(value, issues);
  const id = basename(dir);
  if (typeof value.id === 'string' && value.id !== id)
    issues.add(['id'], `region id "${value.id}" must equal its directory name "${id}"`);
  const all = [...readIssues, ...issues.issues];
  if (all.length > 0 || !result.success) throw regionError(doc.file, all);
  return result.data;
}
