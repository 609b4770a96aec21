// The store on a real SQLite database (in memory): the schema's run states, the camelCase
// records the repositories answer, and statements prepared once rather than per call.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_STATES } from '@caretwin/contracts';
import { MIGRATIONS, migrate, type Db } from '@caretwin/store';
import { RunsRepository, type NewRun } from './runs.repository';
import { SavedScenariosRepository } from './saved-scenarios.repository';

const newRun = (id: string, at: string, scenarioId = 'miyagi-2025-baseline'): NewRun => ({
  id,
  scenarioId,
  regionId: 'miyagi',
  request: '{"scenarioId":"miyagi-2025-baseline"}',
  input: '{"scenario":{"warmupDays":5,"horizonDays":30}}',
  inputKey: `key-${id}`,
  plan: '{"mode":"fixed","replications":2}',
  seed: 7,
  replicationsPlanned: 2,
  replicationsMax: 2,
  idempotencyKey: null,
  bodyHash: 'hash',
  at,
  owner: 'tok_planner',
});

/** Counts the statements a database prepares from now on. */
function countPrepares(db: Db): () => number {
  let count = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    count++;
    return prepare(source);
  }) as Db['prepare'];
  return () => count;
}

describe('the store', () => {
  let db: Db;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
  });

  afterEach(() => db.close());

  it('lists in its CHECK on runs.state exactly the run states of libs/contracts, in order', () => {
    const check = /state TEXT NOT NULL CHECK \(state IN \(([^)]*)\)\)/.exec(MIGRATIONS[0].sql);
    expect(check).not.toBeNull();
    expect([...(check?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1])).toEqual([...RUN_STATES]);
  });

  it('stores a run in every state of RUN_STATES and refuses any other state', () => {
    const runs = new RunsRepository(db);
    runs.insert(newRun('r1', '2025-01-01T00:00:00.000Z'));
    for (const state of RUN_STATES)
      expect(() => db.prepare('UPDATE runs SET state = ? WHERE id = ?').run(state, 'r1')).not.toThrow();
    expect(() => db.prepare('UPDATE runs SET state = ? WHERE id = ?').run('paused', 'r1')).toThrow(
      /CHECK constraint failed/,
    );
  });

  it('answers a run as a camelCase record, its history and its days', () => {
    const runs = new RunsRepository(db);
    runs.insert(newRun('r1', '2025-01-01T00:00:00.000Z'));
    expect(runs.transition('r1', 'running', '2025-01-01T00:00:01.000Z')).toBe(true);
    expect(runs.summary('r1')).toEqual({
      id: 'r1',
      scenarioId: 'miyagi-2025-baseline',
      regionId: 'miyagi',
      state: 'running',
      inputKey: 'key-r1',
      plan: '{"mode":"fixed","replications":2}',
      seed: 7,
      replicationsPlanned: 2,
      replicationsMax: 2,
      replicationsDone: 0,
      progressPercent: 0,
      error: null,
      idempotencyKey: null,
      bodyHash: 'hash',
      createdAt: '2025-01-01T00:00:00.000Z',
      startedAt: '2025-01-01T00:00:01.000Z',
      finishedAt: null,
      updatedAt: '2025-01-01T00:00:01.000Z',
      queueSynced: false,
      owner: 'tok_planner',
    });
    expect(runs.get('r1')).toMatchObject({ id: 'r1', request: '{"scenarioId":"miyagi-2025-baseline"}' });
    expect(runs.history('r1')).toEqual([
      { state: 'queued', at: '2025-01-01T00:00:00.000Z', reason: 'accepted' },
      { state: 'running', at: '2025-01-01T00:00:01.000Z', reason: null },
    ]);
    expect(runs.scenarioDays('r1')).toEqual({ warmupDays: 5, horizonDays: 30 });
    expect(runs.summary('missing')).toBeUndefined();
  });

  it('never moves a finished run, and completes a run with its aggregate in one step', () => {
    const runs = new RunsRepository(db);
    runs.insert(newRun('r1', '2025-01-01T00:00:00.000Z'));
    expect(runs.saveReplication('r1', 0, '{"r":0}', '{}')).toBe(true);
    expect(runs.saveReplication('r1', 0, '{"r":0}', '{}')).toBe(false); // a retry's copy is ignored
    expect(runs.complete('r1', '{"a":1}', '{"e":1}', '2025-01-01T00:01:00.000Z')).toBe(true);
    expect(runs.transition('r1', 'cancelled', '2025-01-01T00:02:00.000Z')).toBe(false);
    expect(runs.complete('r1', '{"a":2}', '{}', '2025-01-01T00:03:00.000Z')).toBe(false);
    expect(runs.summary('r1')).toMatchObject({
      state: 'completed',
      replicationsDone: 1,
      progressPercent: 100,
    });
    expect(runs.result('r1')).toEqual({ aggregate: '{"a":1}', execution: '{"e":1}' });
    expect(runs.replicationResults('r1')).toEqual([{ replication: 0, result: '{"r":0}', execution: '{}' }]);
    expect(runs.history('r1').map((h) => h.state)).toEqual(['queued', 'completed']);
  });

  it('marks a run synced only in the phase it is in', () => {
    const runs = new RunsRepository(db);
    runs.insert(newRun('r1', '2025-01-01T00:00:00.000Z'));
    runs.markSynced('r1', 'finished');
    expect(runs.summary('r1')?.queueSynced).toBe(false);
    runs.markSynced('r1', 'active');
    expect(runs.unsynced()).toEqual([]);
    expect(runs.active().map((r) => r.id)).toEqual(['r1']);
    runs.transition('r1', 'cancelled', '2025-01-01T00:00:01.000Z', 'cancelled by request');
    expect(runs.unsynced().map((r) => r.id)).toEqual(['r1']); // finishing clears the mark
    runs.markSynced('r1', 'finished');
    expect(runs.summary('r1')?.queueSynced).toBe(true);
    expect(runs.countByState()).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 1 });
  });

  it('lists runs newest first, filtered by scenario, state, both or neither', () => {
    const runs = new RunsRepository(db);
    runs.insert(newRun('r1', '2025-01-01T00:00:00.000Z', 'a'));
    runs.insert(newRun('r2', '2025-01-02T00:00:00.000Z', 'b'));
    runs.insert(newRun('r3', '2025-01-03T00:00:00.000Z', 'a'));
    runs.transition('r3', 'running', '2025-01-03T00:00:01.000Z');
    const ids = (query: Parameters<RunsRepository['list']>[0]) => {
      const { items, total } = runs.list(query);
      return { ids: items.map((r) => r.id), total };
    };
    expect(ids({ limit: 2, offset: 0 })).toEqual({ ids: ['r3', 'r2'], total: 3 });
    expect(ids({ limit: 2, offset: 2 })).toEqual({ ids: ['r1'], total: 3 });
    expect(ids({ scenarioId: 'a', limit: 10, offset: 0 })).toEqual({ ids: ['r3', 'r1'], total: 2 });
    expect(ids({ state: 'queued', limit: 10, offset: 0 })).toEqual({ ids: ['r2', 'r1'], total: 2 });
    expect(ids({ scenarioId: 'a', state: 'queued', limit: 10, offset: 0 })).toEqual({
      ids: ['r1'],
      total: 1,
    });
  });

  it('prepares each statement once: reads and writes after the first of each kind prepare nothing', () => {
    const prepared = countPrepares(db);
    const runs = new RunsRepository(db);
    const saved = new SavedScenariosRepository(db);
    const atConstruction = prepared();
    expect(atConstruction).toBeGreaterThan(10);
    const useEverything = (n: number): void => {
      const id = `r${n}`;
      runs.insert({ ...newRun(id, `2025-01-0${n}T00:00:00.000Z`), idempotencyKey: `k${n}` });
      runs.get(id);
      runs.summary(id);
      runs.byIdempotencyKey(`k${n}`);
      runs.list({ limit: 5, offset: 0 });
      runs.list({ scenarioId: 'miyagi-2025-baseline', state: 'running', limit: 5, offset: 0 });
      runs.countByState();
      runs.scenarioDays(id);
      runs.ping();
      runs.transition(id, 'running', `2025-01-0${n}T00:00:01.000Z`);
      runs.setProgress(id, 50, 2, `2025-01-0${n}T00:00:02.000Z`);
      runs.saveReplication(id, 0, '{}', '{}');
      runs.storedReplications(id);
      runs.replicationResults(id);
      runs.complete(id, '{}', '{}', `2025-01-0${n}T00:00:03.000Z`);
      runs.result(id);
      runs.history(id);
      runs.unsynced();
      runs.active();
      runs.markSynced(id, 'finished');
      runs.markUnsynced(id);
      saved.save('plan', `{"n":${n}}`, `2025-01-0${n}T00:00:00.000Z`);
      saved.get('plan');
      saved.get('plan', 1);
      saved.latest();
      saved.versions('plan');
    };
    useEverything(1);
    const afterFirstUse = prepared();
    expect(afterFirstUse - atConstruction).toBe(2 * 2); // two list filters, a page and a count each
    useEverything(2);
    useEverything(3);
    expect(prepared()).toBe(afterFirstUse);
  });

  it('deletes a finished run and all stored of it, and refuses to delete an active one', () => {
    const runs = new RunsRepository(db);
    runs.insert(newRun('done', '2025-01-01T00:00:00.000Z'));
    runs.insert(newRun('busy', '2025-01-01T00:00:01.000Z'));
    runs.saveReplication('done', 0, '{"r":0}', '{}');
    runs.complete('done', '{"kpis":{}}', '{}', '2025-01-01T00:01:00.000Z');
    expect(runs.purge('busy')).toBe(false);
    expect(runs.purge('done')).toBe(true);
    expect(runs.summary('done')).toBeUndefined();
    expect(runs.history('done')).toEqual([]);
    expect(runs.replicationResults('done')).toEqual([]);
    expect(runs.result('done')).toBeUndefined();
    expect(runs.summary('busy')?.state).toBe('queued');
    expect(runs.purge('missing')).toBe(false);
  });

  it('remembers who saved the first version of a scenario id', () => {
    const saved = new SavedScenariosRepository(db);
    expect(saved.ownerOf('plan')).toBeUndefined();
    saved.save('plan', '{"id":"plan"}', '2025-01-01T00:00:00.000Z', 'tok_a');
    saved.save('plan', '{"id":"plan"}', '2025-01-02T00:00:00.000Z', 'tok_admin');
    expect(saved.ownerOf('plan')).toBe('tok_a');
  });

  it('answers saved scenarios as camelCase records, each save the next version', () => {
    const saved = new SavedScenariosRepository(db);
    expect(saved.save('plan', '{"id":"plan"}', '2025-01-01T00:00:00.000Z')).toBe(1);
    expect(saved.save('plan', '{"id":"plan","seed":2}', '2025-01-02T00:00:00.000Z')).toBe(2);
    expect(saved.get('plan')).toEqual({
      id: 'plan',
      version: 2,
      document: '{"id":"plan","seed":2}',
      createdAt: '2025-01-02T00:00:00.000Z',
    });
    expect(saved.get('plan', 1)?.document).toBe('{"id":"plan"}');
    expect(saved.get('plan', 3)).toBeUndefined();
    expect(saved.versions('plan')).toEqual([
      { version: 1, createdAt: '2025-01-01T00:00:00.000Z' },
      { version: 2, createdAt: '2025-01-02T00:00:00.000Z' },
    ]);
    expect(saved.latest()).toEqual([
      {
        id: 'plan',
        version: 2,
        document: '{"id":"plan","seed":2}',
        createdAt: '2025-01-02T00:00:00.000Z',
        versions: 2,
      },
    ]);
  });
});
