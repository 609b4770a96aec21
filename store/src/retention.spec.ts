// Retention on a real SQLite database (in memory): a finished run older than the cut-off loses
// its replications and the aggregate's daily and weekly series, keeps its row, history, input
// and KPIs; nothing else in the store changes.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  RetentionRepository,
  migrate,
  parseAge,
  retentionCutoff,
  storeBytes,
  type Db,
} from './index';

const aggregate = (id: string) =>
  JSON.stringify({
    scenarioId: id,
    replicationIndices: [0, 1],
    kpis: { occupancy: { mean: 0.8, halfWidth: 0.01 } },
    dailyOccupancy: [{ area: 'a', function: 'acute', inUse: { mean: [1, 2, 3] }, capacity: [5, 5, 5] }],
    weeklyHospitalOccupancy: [{ hospital: 'h', inUse: { mean: [1] }, capacity: [2] }],
    hospitals: [{ hospital: 'h', area: 'a', utilisation: { mean: 0.5 } }],
    flow: { areas: ['a'], admissions: [[3]], leftRegion: [0], selfSufficiency: [] },
    warnings: ['w'],
  });

function addRun(db: Db, id: string, state: string, finishedAt: string | null): void {
  db.prepare(
    `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned,
       replications_max, replications_done, created_at, finished_at, updated_at, owner)
     VALUES (?, 's', 'r', ?, '{"scenarioId":"s"}', '{"scenario":{},"region":{"big":true}}', 'k', '{}', 1, 2, 2, 2, '2026-01-01T00:00:00.000Z', ?, '2026-01-01T00:00:00.000Z', 'tok')`,
  ).run(id, state, finishedAt);
  db.prepare(
    "INSERT INTO run_states (run_id, seq, state, at, reason) VALUES (?, 1, 'queued', 'x', 'accepted')",
  ).run(id);
  for (const r of [0, 1])
    db.prepare(
      'INSERT INTO replication_results (run_id, replication, result, execution) VALUES (?, ?, ?, ?)',
    ).run(id, r, JSON.stringify({ replication: r, series: 'x'.repeat(1000) }), '{"worker":"w"}');
  if (state === 'completed')
    db.prepare('INSERT INTO run_results (run_id, aggregate, execution) VALUES (?, ?, ?)').run(
      id,
      aggregate(id),
      '{}',
    );
}

const dump = (db: Db, table: string, where = '') =>
  db.prepare(`SELECT * FROM ${table} ${where} ORDER BY 1, 2`).all();

describe('retention of old runs', () => {
  let db: Db;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    addRun(db, 'old-done', 'completed', '2026-01-02T00:00:00.000Z');
    addRun(db, 'old-failed', 'failed', '2026-01-03T00:00:00.000Z');
    addRun(db, 'new-done', 'completed', '2026-03-01T00:00:00.000Z');
    addRun(db, 'running', 'running', null);
  });
  afterEach(() => db.close());

  it('drops the replications and daily series of finished runs older than the cut-off and keeps their summary', () => {
    const before = {
      runs: dump(db, 'runs'),
      states: dump(db, 'run_states'),
      kept: dump(db, 'replication_results', "WHERE run_id IN ('new-done', 'running')"),
      newResult: dump(db, 'run_results', "WHERE run_id = 'new-done'"),
    };
    const retention = new RetentionRepository(db);
    const result = retention.prune({
      finishedBefore: '2026-02-01T00:00:00.000Z',
      at: '2026-04-01T00:00:00.000Z',
    });
    expect(result.runs).toBe(2);
    expect(result.replications).toBe(4);
    expect(result.bytes).toBeGreaterThan(4000);

    // the bulk is gone from the old finished runs only
    expect(dump(db, 'replication_results', "WHERE run_id IN ('old-done', 'old-failed')")).toEqual([]);
    expect(dump(db, 'replication_results', "WHERE run_id IN ('new-done', 'running')")).toEqual(before.kept);
    const kept = JSON.parse(
      (db.prepare("SELECT aggregate FROM run_results WHERE run_id = 'old-done'").pluck().get() as string) ??
        '{}',
    ) as Record<string, unknown>;
    const original = JSON.parse(aggregate('old-done')) as Record<string, unknown>;
    expect(kept.dailyOccupancy).toEqual([]);
    expect(kept.weeklyHospitalOccupancy).toEqual([]);
    for (const field of ['kpis', 'hospitals', 'flow', 'warnings', 'replicationIndices'])
      expect(kept[field]).toEqual(original[field]);
    expect(dump(db, 'run_results', "WHERE run_id = 'new-done'")).toEqual(before.newResult);

    // every run row (request, owner, state, timings) is as it was, bar pruned_at and the input,
    // whose region is shared now and comes back byte for byte (provenance)
    const after = dump(db, 'runs') as Array<Record<string, unknown>>;
    expect(after.map(({ pruned_at: _p, input: _i, ...row }) => row)).toEqual(
      (before.runs as Array<Record<string, unknown>>).map(({ pruned_at: _p, input: _i, ...row }) => row),
    );
    for (const run of before.runs as Array<{ id: string; input: string }>)
      expect(retention.restoredInput(run.id)).toBe(run.input);
    const inputs = Object.fromEntries(
      after.map((r) => [r.id, JSON.parse(r.input as string) as { region: unknown }]),
    );
    expect(inputs['old-done'].region).toEqual({ $ref: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(inputs['new-done'].region).toEqual({ big: true });
    // one copy of the region for the two pruned runs
    expect(dump(db, 'run_regions')).toEqual([
      { hash: (inputs['old-done'].region as { $ref: string }).$ref, region: '{"big":true}' },
    ]);
    expect(Object.fromEntries(after.map((r) => [r.id, r.pruned_at]))).toEqual({
      'new-done': null,
      'old-done': '2026-04-01T00:00:00.000Z',
      'old-failed': '2026-04-01T00:00:00.000Z',
      running: null,
    });
    expect(dump(db, 'run_states')).toEqual(before.states);
    expect(retention.prunedAt('old-done')).toBe('2026-04-01T00:00:00.000Z');
    expect(retention.prunedAt('new-done')).toBeNull();
    expect(JSON.parse(retention.keptKpis('old-done') ?? 'null')).toEqual(original.kpis);
  });

  it('prunes a run once, oldest first, at most `limit` per call', () => {
    const retention = new RetentionRepository(db);
    const cut = '2026-12-01T00:00:00.000Z';
    expect(retention.prune({ finishedBefore: cut, at: 'a', limit: 1 }).runs).toBe(1);
    expect(retention.prunedAt('old-done')).toBe('a');
    expect(retention.prunedAt('old-failed')).toBeNull();
    expect(retention.prune({ finishedBefore: cut, at: 'b' }).runs).toBe(2);
    expect(retention.prune({ finishedBefore: cut, at: 'c' })).toEqual({ runs: 0, replications: 0, bytes: 0 });
    expect(retention.prunedAt('old-done')).toBe('a');
    expect(retention.prunedAt('running')).toBeNull();
  });

  it('reads ages as days or hours and cuts off that long before now', () => {
    expect(parseAge('30d')).toBe(30);
    expect(parseAge('90')).toBe(90);
    expect(parseAge('12h')).toBe(0.5);
    expect(parseAge('soon')).toBeUndefined();
    expect(retentionCutoff(new Date('2026-03-31T00:00:00.000Z'), 30)).toBe('2026-03-01T00:00:00.000Z');
  });

  it('measures the store on disk with its write-ahead log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-store-bytes-'));
    try {
      expect(storeBytes(dir)).toBe(0);
      writeFileSync(join(dir, 'caretwin.sqlite'), Buffer.alloc(4096));
      writeFileSync(join(dir, 'caretwin.sqlite-wal'), Buffer.alloc(1000));
      expect(storeBytes(dir)).toBe(5096);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
