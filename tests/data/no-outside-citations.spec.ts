// The repository must stand on its own: no source or document may cite, or read from, the
// planning folder that sits beside the checkout (it is not part of a clone). The design lives in
// docs/architecture.md, the data in the committed files and their generators' own inputs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

// Built from parts so that this file does not match itself.
const OUTSIDE = [['..', 'shared'].join('/'), ['DESIGN', 'md'].join('.'), ['STYLE', 'md'].join('.')];

/** Directories that hold no tracked sources (see .gitignore) or belong to git itself. */
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  'coverage',
  '.git',
  '.data',
  'results',
  'out',
  'artifacts',
]);
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|md|yaml|yml|html|css)$/;
/** Text files that are not named by their extension. */
const EXTRA = new Set(['.ci/run']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) sourceFiles(path, out);
    } else if (entry.isFile()) {
      const rel = relative(ROOT, path);
      if (rel === 'package-lock.json') continue;
      if (TEXT.test(entry.name) || EXTRA.has(rel)) out.push(rel);
    }
  }
  return out;
}

describe('citations outside the repository', () => {
  const files = sourceFiles(ROOT);

  it('walks the sources, the docs and the scenarios', () => {
    for (const expected of ['README.md', 'docs/architecture.md', 'libs/engine/src/index.ts', '.ci/run'])
      expect(files).toContain(expected);
    expect(files.some((f) => f.startsWith('scenarios/data/'))).toBe(true);
    expect(files.some((f) => f.includes('node_modules') || f.split('/').includes('dist'))).toBe(false);
  });

  it('finds no file that cites the folder beside the checkout or its design and style notes', () => {
    const hits: string[] = [];
    for (const file of files) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const needle of OUTSIDE) if (line.includes(needle)) hits.push(`${file}:${i + 1}: ${needle}`);
      });
    }
    expect(hits, 'point these at docs/architecture.md or a file inside the repository').toEqual([]);
  });
});
