// `caretwin store prune` on a deployment's store (the built CLI, a store made with the store
// package): old finished runs lose their replications and daily series, recent and active
// ones keep everything, and the prune is in the audit log.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@caretwin/store';
import { caretwin, ensureBuilt, tempDir } from './support';

const DAY = 24 * 3600 * 1000;

function seed(dataDir: string, now: number): void {
  const db = openDatabase(dataDir);
  const add = (id: string, state: string, finishedDaysAgo: number | null): void => {
    const finished = finishedDaysAgo === null ? null : new Date(now - finishedDaysAgo * DAY).toISOString();
    db.prepare(
      `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned,
         replications_max, replications_done, created_at, finished_at, updated_at)
       VALUES (?, 's', 'r', ?, '{}', '{"scenario":{"id":"s"}}', 'k', '{}', 1, 3, 3, 3, 'c', ?, 'u')`,
    ).run(id, state, finished);
    for (const r of [0, 1, 2])
      db.prepare(
        'INSERT INTO replication_results (run_id, replication, result, execution) VALUES (?, ?, ?, ?)',
      ).run(id, r, JSON.stringify({ series: 'x'.repeat(20_000) }), '{}');
    if (state === 'completed')
      db.prepare('INSERT INTO run_results (run_id, aggregate, execution) VALUES (?, ?, ?)').run(
        id,
        JSON.stringify({
          kpis: { k: { mean: 1 } },
          dailyOccupancy: ['y'.repeat(5000)],
          weeklyHospitalOccupancy: [],
        }),
        '{}',
      );
  };
  add('old', 'completed', 40);
  add('recent', 'completed', 5);
  add('active', 'running', null);
  db.close();
}

describe('caretwin store prune', () => {
  const work = tempDir('store-prune');
  const dataDir = join(work.dir, 'data');

  beforeAll(async () => {
    await ensureBuilt();
    seed(dataDir, Date.now());
  }, 180_000);
  afterAll(() => work.remove());

  it('prunes finished runs older than --older-than and reports what it freed', async () => {
    const out = await caretwin(
      ['store', 'prune', '--data-dir', dataDir, '--older-than', '30d', '--json'],
      work.dir,
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as Record<string, number | string | boolean>;
    expect(report).toMatchObject({ runs: 1, replications: 3, olderThanDays: 30, vacuumed: false });
    expect(report.bytes).toBeGreaterThan(60_000);

    const db = new Database(join(dataDir, 'caretwin.sqlite'), { readonly: true });
    try {
      const reps = db
        .prepare('SELECT run_id, COUNT(*) AS n FROM replication_results GROUP BY run_id ORDER BY 1')
        .all();
      expect(reps).toEqual([
        { run_id: 'active', n: 3 },
        { run_id: 'recent', n: 3 },
      ]);
      const pruned = db.prepare('SELECT id, pruned_at FROM runs ORDER BY id').all() as Array<{
        id: string;
        pruned_at: string | null;
      }>;
      expect(pruned.filter((r) => r.pruned_at !== null).map((r) => r.id)).toEqual(['old']);
      const kept = JSON.parse(
        db.prepare("SELECT aggregate FROM run_results WHERE run_id = 'old'").pluck().get() as string,
      );
      expect(kept).toEqual({ kpis: { k: { mean: 1 } }, dailyOccupancy: [], weeklyHospitalOccupancy: [] });
      const audit = db.prepare("SELECT action, target FROM audit_log WHERE action = 'store.prune'").all();
      expect(audit).toEqual([
        { action: 'store.prune', target: expect.stringContaining('1 runs finished before') },
      ]);
    } finally {
      db.close();
    }
  });

  it('says what it did in words, shrinks the file with --vacuum, and refuses a bad age or a missing store', async () => {
    const words = await caretwin(
      ['store', 'prune', '--data-dir', dataDir, '--older-than', '0d', '--vacuum'],
      work.dir,
    );
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(
      /^pruned 1 run finished before .* \(3 replication results, 0\.0\d MB of results and daily series\)/,
    );
    expect(words.stdout).toMatch(/store \d+\.\d\d MB → \d+\.\d\d MB \(vacuumed\)/);

    const bad = await caretwin(['store', 'prune', '--data-dir', dataDir, '--older-than', 'soon'], work.dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('an age such as 30d');

    const none = await caretwin(['store', 'prune', '--data-dir', join(work.dir, 'nowhere')], work.dir);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no store at');
  });
});
