// `caretwin synth` on the built CLI: a region of the size asked for, valid under the region
// schema (loaded by the region loader), the same for the same seed, and runnable.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGE_BANDS, BED_FUNCTIONS, loadRegion, type Region } from '@caretwin/scenario';
import { caretwin, ensureBuilt, tempDir, type Finished } from './support';

const SIZE = ['--areas', '7', '--population', '1,234,567', '--hospitals', '40'];

describe('caretwin synth', () => {
  const tmp = tempDir('synth');
  let made: Finished;
  let region: Region;

  beforeAll(async () => {
    await ensureBuilt();
    made = await caretwin(['synth', ...SIZE, '--seed', '3', '--id', 'seven', '--out', 'synth'], tmp.dir);
    region = loadRegion(join(tmp.dir, 'synth', 'data', 'seven'));
  }, 120_000);
  afterAll(() => tmp.remove());

  it('writes a region the region loader accepts, with the areas, people and hospitals asked for', () => {
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('wrote synth/data/seven/ and synth/seven-baseline.yaml');
    expect(region.areas).toHaveLength(7);
    expect(region.hospitals).toHaveLength(40);
    const people = region.municipalities.reduce(
      (s, m) => s + AGE_BANDS.reduce((t, b) => t + m.population['2020'][b], 0),
      0,
    );
    expect(people).toBe(1_234_567);
    expect(new Set(region.hospitals.map((h) => h.area)).size).toBe(7);
    expect(region.hospitals.every((h) => h.provenance?.synthetic)).toBe(true);
    // Every area can reach a hospital for each capability a condition needs (its own or a neighbour's).
    for (const c of region.conditions.filter((c) => c.capability)) {
      for (const a of region.areas) {
        const near = new Set([a.id, ...a.adjacent]);
        expect(region.hospitals.some((h) => near.has(h.area) && h.capabilities.includes(c.capability!))).toBe(
          true,
        );
      }
    }
    const beds = region.hospitals.reduce((s, h) => s + BED_FUNCTIONS.reduce((t, f) => t + h.beds[f], 0), 0);
    expect(beds / 1_234.567).toBeGreaterThan(7);
    expect(beds / 1_234.567).toBeLessThan(10);
  });

  it('writes the same files for the same seed and different ones for another seed', async () => {
    await caretwin(['synth', ...SIZE, '--seed', '3', '--id', 'seven', '--out', 'again'], tmp.dir);
    await caretwin(['synth', ...SIZE, '--seed', '4', '--id', 'seven', '--out', 'other'], tmp.dir);
    const read = (out: string, name: string) =>
      readFileSync(join(tmp.dir, out, 'data', 'seven', name), 'utf8');
    const names = readdirSync(join(tmp.dir, 'synth', 'data', 'seven'));
    expect(names).toContain('hospitals.yaml');
    for (const name of names) expect(read('again', name)).toBe(read('synth', name));
    expect(read('other', 'hospitals.yaml')).not.toBe(read('synth', 'hospitals.yaml'));
  }, 60_000);

  it('writes a baseline scenario that validates and runs', async () => {
    const file = join('synth', 'seven-baseline.yaml');
    const valid = await caretwin(['validate', file], tmp.dir);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('seven-baseline');
    const run = await caretwin(
      [
        'run',
        file,
        '--days',
        '5',
        '--warmup',
        '1',
        '--replications',
        '1',
        '--no-progress',
        '--out',
        'seven-run',
      ],
      tmp.dir,
    );
    expect(run.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(tmp.dir, 'seven-run', 'result.json'), 'utf8'));
    expect(doc.provenance.region.id).toBe('seven');
    expect(doc.aggregate.kpis['admissions'].mean).toBeGreaterThan(0);
    expect(readFileSync(join(tmp.dir, 'seven-run', 'kpis.csv'), 'utf8')).toContain(
      'hospitals (synthetic 40/40)',
    );
  }, 90_000);

  it('refuses to overwrite an existing region unless --force, and fewer hospitals than areas', async () => {
    const again = await caretwin(['synth', ...SIZE, '--id', 'seven', '--out', 'synth'], tmp.dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const few = await caretwin(
      ['synth', '--areas', '5', '--population', '10000', '--hospitals', '3', '--out', 'few'],
      tmp.dir,
    );
    expect(few.code).toBe(1);
    expect(few.stderr).toContain('--hospitals (3) must be at least --areas (5)');
  }, 60_000);
});
