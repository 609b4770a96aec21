// `caretwin run` on the built CLI: output files, their BOM and input labels, and results that do
// not depend on the number of worker threads.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretwin, ensureBuilt, tempDir, withoutExecution, type Finished } from './support';

const SHORT = ['--days', '20', '--warmup', '5', '--replications', '4', '--no-progress'];
const CSV_FILES = [
  'kpis.csv',
  'occupancy.csv',
  'hospitals.csv',
  'flow.csv',
  'static-need.csv',
  'replications.csv',
  'areas.csv',
];

describe('caretwin run', () => {
  const tmp = tempDir('run');
  let one: Finished;
  let two: Finished;

  beforeAll(async () => {
    await ensureBuilt();
    one = await caretwin(
      ['run', 'miyagi-2025-baseline', ...SHORT, '--workers', '1', '--out', 'one'],
      tmp.dir,
    );
    two = await caretwin(
      ['run', 'miyagi-2025-baseline', ...SHORT, '--workers', '2', '--out', 'two'],
      tmp.dir,
    );
  }, 240_000);
  afterAll(() => tmp.remove());

  it('exits 0 and prints the KPI table with 95 % confidence intervals and the synthetic-input label', () => {
    expect(two.code).toBe(0);
    expect(two.stdout).toMatch(/KPI \(4 replications\)\s+mean\s+95 % CI\s+unit/);
    expect(two.stdout).toMatch(/occupancy acute 急性期\s+[\d.]+\s+[\d.]+ – [\d.]+\s+%/);
    expect(two.stdout).toContain('hospitals (synthetic 84/84)');
    expect(two.stdout).toMatch(/wrote two\/: result\.json, kpis\.csv/);
  });

  it('writes result.json and CSV tables in UTF-8 with a BOM, each headed by which inputs are synthetic or estimated', () => {
    const dir = join(tmp.dir, 'two');
    expect(readdirSync(dir).sort()).toEqual(['result.json', ...CSV_FILES].sort());
    for (const name of CSV_FILES) {
      const bytes = readFileSync(join(dir, name));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toContain('scenario miyagi-2025-baseline');
      expect(lines[1]).toMatch(/^# synthetic or estimated inputs: .*hospitals \(synthetic 84\/84\)/);
    }
    const kpis = readFileSync(join(dir, 'kpis.csv'), 'utf8');
    expect(kpis).toMatch(/\r\noccupancy\.prefecture\.acute,4,/);
  });

  it('writes the result document the service writes: provenance, replications by index, aggregate, execution apart', () => {
    const doc = JSON.parse(readFileSync(join(tmp.dir, 'two', 'result.json'), 'utf8'));
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining(['schemaVersion', 'provenance', 'replications', 'aggregate', 'execution']),
    );
    expect(doc.provenance.scenario.horizonDays).toBe(20);
    expect(doc.provenance.region.id).toBe('miyagi');
    expect(doc.replications.map((r: { replication: number }) => r.replication)).toEqual([0, 1, 2, 3]);
    expect(doc.aggregate.replications).toBe(4);
    expect(doc.execution).toMatchObject({ source: 'cli', threads: 2, rounds: 1 });
    expect(doc.execution.command).toContain('--workers');
  });

  it('gives identical results with 1 and 2 worker threads, and with 2 each thread runs at least one replication', () => {
    expect(one.code).toBe(0);
    const a = readFileSync(join(tmp.dir, 'one', 'result.json'), 'utf8');
    const b = readFileSync(join(tmp.dir, 'two', 'result.json'), 'utf8');
    expect(withoutExecution(b)).toEqual(withoutExecution(a));
    expect(JSON.stringify(withoutExecution(b))).toBe(JSON.stringify(withoutExecution(a)));
    // CSV tables too, below their first line (which names the run id)
    const body = (dir: string, name: string) =>
      readFileSync(join(tmp.dir, dir, name), 'utf8')
        .split('\r\n')
        .slice(1)
        .join('\r\n');
    for (const name of CSV_FILES) expect(body('two', name)).toBe(body('one', name));
    const threadsOf = (text: string) =>
      new Set(
        (JSON.parse(text).execution.replications as Array<{ threadId: number }>).map((r) => r.threadId),
      );
    expect(threadsOf(a).size).toBe(1);
    expect(threadsOf(b).size).toBe(2);
  });

  it("runs a precision scenario in the runner's rounds of 10 until its target or its max", async () => {
    // A half-width no run reaches: round one runs 0–9, round two the last two allowed.
    writeFileSync(
      join(tmp.dir, 'precise.yaml'),
      'id: precise\nname: {ja: 精度, en: precise}\ndescription: {ja: 試験, en: test}\nextends: miyagi-2025-baseline\nprecision: {kpi: occupancy.prefecture.acute, halfWidth: 0.000001, max: 12}\n',
    );
    const r = await caretwin(
      [
        'run',
        'precise.yaml',
        '--days',
        '2',
        '--warmup',
        '1',
        '--workers',
        '2',
        '--no-progress',
        '--out',
        'precise',
      ],
      tmp.dir,
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(tmp.dir, 'precise', 'result.json'), 'utf8'));
    expect(doc.execution.rounds).toBe(2);
    expect(doc.provenance.replicationIndices).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(doc.aggregate.kpis['occupancy.prefecture.acute'].n).toBe(12);
    expect(r.stdout).toMatch(/12 replications in [\d.]+ s on 2 threads \(2 rounds\)/);
  }, 120_000);

  it('refuses an invalid scenario with its problems and exit 1, running nothing', async () => {
    const r = await caretwin(['run', 'miyagi-2025-baselin', '--no-progress', '--out', 'never'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('miyagi-2025-baseline');
    expect(existsSync(join(tmp.dir, 'never'))).toBe(false);
  });
});
