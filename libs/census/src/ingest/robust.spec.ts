// Whatever arrives, the readers answer rows or issues and never throw: arbitrary JSON, valid
// reports with parts replaced by arbitrary values, and arbitrary CSV text (fast-check, seeded).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '@caretwin/scenario';
import { censusRegion } from '../region';
import { parseCensusCsv } from './csv';
import { parseCensusFhir } from './fhir';
import type { IngestResult } from './rows';

const region = censusRegion(loadRegion(resolve(__dirname, '../../../../scenarios/data/miyagi')));
const context = { region, today: '2026-12-01' };
const FIXTURES = join(__dirname, 'fixtures');
const bundle = JSON.parse(readFileSync(join(FIXTURES, 'valid-bundle.json'), 'utf8')) as Record<
  string,
  unknown
>;
const csv = readFileSync(join(FIXTURES, 'valid.csv'), 'utf8');

const answered = (result: IngestResult): boolean =>
  result.ok
    ? result.rows.every((r) => Number.isInteger(r.beds) && r.occupied <= r.beds)
    : result.issues.length > 0 &&
      result.issues.every((i) => typeof i.path === 'string' && i.message.length > 0);

/** Every [path, value] place in a JSON document, to replace one at a time. */
function places(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => places(v, [...path, i]))];
  if (value && typeof value === 'object')
    return [path, ...Object.entries(value).flatMap(([k, v]) => places(v, [...path, k]))];
  return [path];
}

function replaced(doc: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

describe('census readers on arbitrary input', () => {
  it('answer arbitrary JSON with issues, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(answered(parseCensusFhir(value, context))).toBe(true);
        const asReport = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
        expect(answered(parseCensusFhir({ ...asReport, resourceType: 'MeasureReport' }, context))).toBe(true);
        expect(answered(parseCensusFhir({ resourceType: 'Bundle', entry: value }, context))).toBe(true);
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  it('answer a valid Bundle with any one part replaced by anything', () => {
    const all = places(bundle);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.jsonValue(), (i, value) => {
        expect(answered(parseCensusFhir(replaced(bundle, all[i] ?? [], value), context))).toBe(true);
      }),
      { seed: 18, numRuns: 400 },
    );
  });

  it('answer arbitrary and mangled CSV text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.integer({ min: 0, max: csv.length }),
        (text, cut) => {
          expect(answered(parseCensusCsv(text, context))).toBe(true);
          expect(answered(parseCensusCsv(csv.slice(0, cut) + text + csv.slice(cut), context))).toBe(true);
        },
      ),
      { seed: 18, numRuns: 300 },
    );
  });
});
