// Builds the Miyagi region (scenarios/data/miyagi/*.yaml) and the planned-2025-beds scenario from
// scripts/data/reference/miyagi-reference.json (a copy of the public figures, with sources). Dev time only: the output is committed, and nothing at
// run time reads the reference folder.
//   npx tsx scripts/data/build-miyagi.ts [path/to/miyagi-reference.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readReference } from './miyagi/reference';
import { renderMiyagi } from './miyagi/render';

const ROOT = resolve(__dirname, '../..');
export const DEFAULT_REFERENCE = resolve(ROOT, 'scripts/data/reference/miyagi-reference.json');

const reference = readReference(resolve(process.argv[2] ?? DEFAULT_REFERENCE));
for (const [path, text] of Object.entries(renderMiyagi(reference))) {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), text, 'utf8');
  console.log(`wrote ${path}`);
}
