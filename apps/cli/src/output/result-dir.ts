// Writes a run's output directory: result.json (the service's result document) and one CSV per
// table (UTF-8 with BOM, headed by which inputs are synthetic or estimated). Everything is
// written into a hidden sibling directory first and renamed into place at the end, so an
// interrupted or failed run never leaves a half-written result where a result is expected.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CSV_TABLES, resultCsv, type RunResultDocument } from '@caretwin/runner';

export const RESULT_FILE = 'result.json';

export function resultFiles(doc: RunResultDocument<{ runId?: string }>): Map<string, string> {
  const files = new Map<string, string>();
  files.set(RESULT_FILE, `${JSON.stringify(doc)}\n`);
  for (const table of CSV_TABLES) files.set(`${table}.csv`, resultCsv(doc, table));
  return files;
}

/** The hidden sibling a result directory is assembled in. */
export function partialDirOf(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.partial-${process.pid}`);
}

/**
 * Writes `files` into `dir` (created, or its files of the same names replaced). Synchronous
 * on purpose: a signal is handled only after it returns, so it cannot interleave.
 */
export function writeResultDir(dir: string, files: Map<string, string>): string[] {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new Error(`--out ${dir} is a file, not a directory`);
  const partial = partialDirOf(dir);
  mkdirSync(dirname(dir), { recursive: true });
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  try {
    for (const [name, text] of files) writeFileSync(join(partial, name), text);
    if (!existsSync(dir)) renameSync(partial, dir);
    else for (const name of files.keys()) renameSync(join(partial, name), join(dir, name));
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return [...files.keys()];
}
