// `caretwin compare` on the built CLI: paired on common random numbers when seeds and
// replications match, Welch otherwise (and said so); significant differences marked.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '@caretwin/contracts';
import { caretwin, ensureBuilt, tempDir, type Finished } from './support';

const SHORT = ['--days', '10', '--warmup', '3', '--replications', '3', '--no-progress'];
// A what-if that converts acute beds to recovery beds in Sendai (what the regional plan asks).
const WHAT_IF = `id: sendai-conversion
name: {ja: 仙台 病床転換, en: Sendai conversion}
description: {ja: 試験用, en: for a test}
extends: miyagi-2025-baseline
policies:
  - {kind: convertBeds, area: sendai, from: acute, to: recovery, count: 300}
`;

interface CompareJson {
  comparison: Comparison;
  a: { scenarioId: string; source: string };
  b: { scenarioId: string; source: string };
}

describe('caretwin compare', () => {
  const tmp = tempDir('compare');
  let paired: Finished;
  let table: Finished;

  beforeAll(async () => {
    await ensureBuilt();
    writeFileSync(join(tmp.dir, 'what-if.yaml'), WHAT_IF);
    // Runs both scenarios (same options: same seed and replications) and saves them.
    paired = await caretwin(
      ['compare', 'miyagi-2025-baseline', 'what-if.yaml', ...SHORT, '--json', '--out', 'saved'],
      tmp.dir,
    );
    // The saved baseline against the saved what-if: no simulation, the table.
    table = await caretwin(
      ['compare', 'saved/a-miyagi-2025-baseline', 'saved/b-sendai-conversion/result.json'],
      tmp.dir,
    );
  }, 240_000);
  afterAll(() => tmp.remove());

  it('pairs runs of the same seed and replications on common random numbers, and marks differences whose CI excludes 0', () => {
    expect(paired.code).toBe(0);
    const out = JSON.parse(paired.stdout) as CompareJson;
    expect(out.comparison.paired).toBe(true);
    expect(out.comparison.method).toBe('paired');
    expect(out.a.scenarioId).toBe('miyagi-2025-baseline');
    expect(out.b.scenarioId).toBe('sendai-conversion');
    // 300 beds moved: a difference every replication agrees on exactly.
    const acute = out.comparison.kpis['beds.sendai.acute'];
    expect(acute.difference).toBeCloseTo(-300, 6);
    expect(acute.significant).toBe(true);
    expect(out.comparison.kpis['beds.sendai.recovery'].difference).toBeCloseTo(300, 6);
    expect(out.comparison.kpis['beds.sennan.acute'].significant).toBe(false);
    expect(existsSync(join(tmp.dir, 'saved', 'a-miyagi-2025-baseline', 'result.json'))).toBe(true);
  });

  it('prints a table of a, b and b − a with its 95 % CI, says the comparison is paired, and marks significant rows', () => {
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Paired on common random numbers: seed 1, replications 0,1,2/);
    expect(table.stdout).toMatch(
      /KPI\s+a: miyagi-2025-baseline\s+b: sendai-conversion\s+b − a\s+95 % CI of b − a/,
    );
    expect(table.stdout).toMatch(
      /\* significant: the 95 % CI of the difference excludes 0 and it reaches the practical threshold .*\(\d+ of \d+ KPIs/,
    );
    expect(table.stdout).not.toContain('running');
  });

  it('falls back to an unpaired (Welch) comparison when the seeds differ, and says why', async () => {
    const r = await caretwin(
      ['compare', 'saved/a-miyagi-2025-baseline', 'what-if.yaml', ...SHORT, '--seed', '2', '--json'],
      tmp.dir,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CompareJson;
    expect(out.comparison.paired).toBe(false);
    expect(out.comparison.method).toBe('welch');
    expect(out.comparison.note).toBe('unpaired (Welch): the runs use different seeds (1 and 2)');
    expect(out.b.source).toBe('scenario what-if.yaml');
  });

  it('refuses a JSON file that is not a result document', async () => {
    writeFileSync(join(tmp.dir, 'not-a-result.json'), JSON.stringify({ replications: [1], hello: 'world' }));
    const r = await caretwin(['compare', 'not-a-result.json', 'miyagi-2025-baseline'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not-a-result.json: not a CareTwin result document');
  });
});
