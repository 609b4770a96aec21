// Runs, their state history, replication results and aggregates in SQLite. Every method is
// synchronous (better-sqlite3), so a request's reads and writes never interleave with another's.
// Each statement is prepared once, here; rows leave this file only as the camelCase records
// below, mapped in one place (`toRunSummary`).
import { Inject, Injectable } from '@nestjs/common';
import {
  canTransition,
  FINISHED_STATES,
  RUN_STATES,
  type RunState,
  type RunStateChange,
} from '@caretwin/contracts';
import { DATABASE } from './store.tokens';
import type { Db, Statement } from '@caretwin/store';

/** A stored run without its request and input (those are large and read one run at a time). */
export interface RunSummary {
  id: string;
  scenarioId: string;
  regionId: string;
  state: RunState;
  inputKey: string;
  /** RunPlan as JSON */
  plan: string;
  seed: number;
  replicationsPlanned: number;
  replicationsMax: number;
  replicationsDone: number;
  progressPercent: number;
  error: string | null;
  idempotencyKey: string | null;
  bodyHash: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** active run: its flow is known to be in Redis; finished run: Redis is cleaned */
  queueSynced: boolean;
  /** principal id of whoever started it (the access guard's request.principal); null before access control */
  owner: string | null;
}

/** A stored run in full. */
export interface RunRecord extends RunSummary {
  /** POST /api/runs body as received (JSON) */
  request: string;
  /** RunInput as JSON: exactly what the replications run */
  input: string;
}

export interface NewRun {
  id: string;
  scenarioId: string;
  regionId: string;
  request: string;
  input: string;
  inputKey: string;
  plan: string;
  seed: number;
  replicationsPlanned: number;
  replicationsMax: number;
  idempotencyKey: string | null;
  bodyHash: string | null;
  at: string;
  /** principal id of whoever started it */
  owner?: string | null;
}

export interface RunListQuery {
  scenarioId?: string;
  state?: RunState;
  limit: number;
  offset: number;
}

export interface StoredReplication {
  replication: number;
  /** ReplicationResult as the worker returned it (JSON) */
  result: string;
  /** JobExecution (JSON) */
  execution: string;
}

export interface StoredAggregate {
  aggregate: string;
  execution: string;
}

/** The `runs` table as SQLite returns it (summary columns). */
interface RunSummaryRow {
  id: string;
  scenario_id: string;
  region_id: string;
  state: RunState;
  input_key: string;
  plan: string;
  seed: number;
  replications_planned: number;
  replications_max: number;
  replications_done: number;
  progress_percent: number;
  error: string | null;
  idempotency_key: string | null;
  body_hash: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  queue_synced: number;
  owner: string | null;
}

interface RunRow extends RunSummaryRow {
  request: string;
  input: string;
}

const SUMMARY_COLUMNS =
  'id, scenario_id, region_id, state, input_key, plan, seed, replications_planned, replications_max, replications_done, progress_percent, error, idempotency_key, body_hash, created_at, started_at, finished_at, updated_at, queue_synced, owner';

function toRunSummary(row: RunSummaryRow): RunSummary {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    regionId: row.region_id,
    state: row.state,
    inputKey: row.input_key,
    plan: row.plan,
    seed: row.seed,
    replicationsPlanned: row.replications_planned,
    replicationsMax: row.replications_max,
    replicationsDone: row.replications_done,
    progressPercent: row.progress_percent,
    error: row.error,
    idempotencyKey: row.idempotency_key,
    bodyHash: row.body_hash,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    queueSynced: row.queue_synced === 1,
    owner: row.owner,
  };
}

const toRunRecord = (row: RunRow): RunRecord => ({
  ...toRunSummary(row),
  request: row.request,
  input: row.input,
});

/** A list of states for `state IN (...)`, from the one definition of the states. */
const sqlStates = (states: Iterable<RunState>): string => `(${[...states].map((s) => `'${s}'`).join(', ')})`;
const ACTIVE_STATES = sqlStates(RUN_STATES.filter((state) => !FINISHED_STATES.has(state)));
const FINISHED_STATES_SQL = sqlStates(FINISHED_STATES);

/** Every statement and transaction of the runs tables, prepared once per database. */
function prepareRunStatements(db: Db) {
  const summaryWhere = <Params extends unknown[]>(where: string) =>
    db.prepare<Params, RunSummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE ${where}`);
  const statements = {
    insert: db.prepare<[NewRun]>(
      `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned, replications_max,
         idempotency_key, body_hash, created_at, updated_at, owner)
       VALUES (@id, @scenarioId, @regionId, 'queued', @request, @input, @inputKey, @plan, @seed, @replicationsPlanned, @replicationsMax,
         @idempotencyKey, @bodyHash, @at, @at, @owner)`,
    ),
    insertAccepted: db.prepare<[string, string]>(
      `INSERT INTO run_states (run_id, seq, state, at, reason) VALUES (?, 1, 'queued', ?, 'accepted')`,
    ),
    get: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?'),
    summary: summaryWhere<[string]>('id = ?'),
    byIdempotencyKey: summaryWhere<[string]>('idempotency_key = ?'),
    unsynced: summaryWhere<[]>('queue_synced = 0 ORDER BY created_at'),
    active: summaryWhere<[]>(`state IN ${ACTIVE_STATES} ORDER BY created_at`),
    countByState: db.prepare<[], { state: RunState; n: number }>(
      'SELECT state, COUNT(*) AS n FROM runs GROUP BY state',
    ),
    scenarioDays: db.prepare<[string], { warmupDays: number | null; horizonDays: number | null }>(
      "SELECT json_extract(input, '$.scenario.warmupDays') AS warmupDays, json_extract(input, '$.scenario.horizonDays') AS horizonDays FROM runs WHERE id = ?",
    ),
    ping: db.prepare<[]>('SELECT 1'),
    history: db.prepare<[string], RunStateChange>(
      'SELECT state, at, reason FROM run_states WHERE run_id = ? ORDER BY seq',
    ),
    state: db.prepare<[string], RunState>('SELECT state FROM runs WHERE id = ?').pluck(),
    move: db.prepare<[{ id: string; to: RunState; at: string; reason: string | null; finished: 0 | 1 }]>(
      `UPDATE runs SET state = @to, updated_at = @at,
         started_at = CASE WHEN @to = 'running' AND started_at IS NULL THEN @at ELSE started_at END,
         finished_at = CASE WHEN @finished = 1 THEN @at ELSE finished_at END,
         progress_percent = CASE WHEN @to = 'completed' THEN 100 ELSE progress_percent END,
         error = CASE WHEN @to = 'failed' THEN @reason ELSE error END,
         queue_synced = CASE WHEN @finished = 1 THEN 0 ELSE queue_synced END
       WHERE id = @id`,
    ),
    nextSeq: db
      .prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM run_states WHERE run_id = ?')
      .pluck(),
    insertState: db.prepare<[string, number, RunState, string, string | null]>(
      'INSERT INTO run_states (run_id, seq, state, at, reason) VALUES (?, ?, ?, ?, ?)',
    ),
    setProgress: db.prepare<[{ id: string; percent: number; planned: number; at: string }]>(
      `UPDATE runs SET progress_percent = @percent, replications_planned = MAX(replications_planned, @planned), updated_at = @at
       WHERE id = @id AND state IN ${ACTIVE_STATES}`,
    ),
    insertReplication: db.prepare<[string, number, string, string]>(
      'INSERT OR IGNORE INTO replication_results (run_id, replication, result, execution) VALUES (?, ?, ?, ?)',
    ),
    countReplication: db.prepare<[string]>(
      'UPDATE runs SET replications_done = replications_done + 1 WHERE id = ?',
    ),
    storedReplications: db
      .prepare<[string], number>(
        'SELECT replication FROM replication_results WHERE run_id = ? ORDER BY replication',
      )
      .pluck(),
    replicationResults: db.prepare<[string], StoredReplication>(
      'SELECT replication, result, execution FROM replication_results WHERE run_id = ? ORDER BY replication',
    ),
    saveResult: db.prepare<[string, string, string]>(
      'INSERT OR REPLACE INTO run_results (run_id, aggregate, execution) VALUES (?, ?, ?)',
    ),
    result: db.prepare<[string], StoredAggregate>(
      'SELECT aggregate, execution FROM run_results WHERE run_id = ?',
    ),
    markSynced: {
      active: db.prepare<[string]>(
        `UPDATE runs SET queue_synced = 1 WHERE id = ? AND state IN ${ACTIVE_STATES}`,
      ),
      finished: db.prepare<[string]>(
        `UPDATE runs SET queue_synced = 1 WHERE id = ? AND state IN ${FINISHED_STATES_SQL}`,
      ),
    },
    markUnsynced: db.prepare<[string]>('UPDATE runs SET queue_synced = 0 WHERE id = ?'),
    purge: [
      db.prepare<[string]>('DELETE FROM run_results WHERE run_id = ?'),
      db.prepare<[string]>('DELETE FROM replication_results WHERE run_id = ?'),
      db.prepare<[string]>('DELETE FROM run_states WHERE run_id = ?'),
      db.prepare<[string]>(`DELETE FROM runs WHERE id = ? AND state IN ${FINISHED_STATES_SQL}`),
    ],
  };

  const insertRun = db.transaction((run: NewRun) => {
    statements.insert.run({ ...run, owner: run.owner ?? null });
    statements.insertAccepted.run(run.id, run.at);
  });
  const moveRun = db.transaction((id: string, to: RunState, at: string, reason: string | null): boolean => {
    const from = statements.state.get(id);
    if (from === undefined || !canTransition(from, to)) return false;
    statements.move.run({ id, to, at, reason, finished: FINISHED_STATES.has(to) ? 1 : 0 });
    statements.insertState.run(id, statements.nextSeq.get(id) ?? 1, to, at, reason);
    return true;
  });
  const saveReplication = db.transaction(
    (id: string, replication: number, result: string, execution: string): boolean => {
      const inserted = statements.insertReplication.run(id, replication, result, execution).changes;
      if (inserted) statements.countReplication.run(id);
      return inserted > 0;
    },
  );
  const complete = db.transaction((id: string, aggregate: string, execution: string, at: string) => {
    if (!moveRun(id, 'completed', at, null)) return false;
    statements.saveResult.run(id, aggregate, execution);
    return true;
  });
  // Only a finished run is deleted (an active one still has workers writing to it).
  const purge = db.transaction((id: string): boolean => {
    if (!FINISHED_STATES.has(statements.state.get(id) as RunState)) return false;
    for (const statement of statements.purge) statement.run(id);
    return true;
  });
  return { ...statements, insertRun, moveRun, saveReplication, complete, purge };
}

type RunStatements = ReturnType<typeof prepareRunStatements>;
type ListParams = { limit: number; offset: number; scenarioId?: string; state?: RunState };

@Injectable()
export class RunsRepository {
  private readonly statements: RunStatements;
  /** GET /api/runs filters by scenario, state, both or neither: one statement pair each, prepared on first use. */
  private readonly listStatements = new Map<
    string,
    { page: Statement<[ListParams], RunSummaryRow>; count: Statement<[ListParams], number> }
  >();

  constructor(@Inject(DATABASE) private readonly db: Db) {
    this.statements = prepareRunStatements(db);
  }

  insert(run: NewRun): void {
    this.statements.insertRun(run);
  }

  get(id: string): RunRecord | undefined {
    const row = this.statements.get.get(id);
    return row && toRunRecord(row);
  }

  summary(id: string): RunSummary | undefined {
    const row = this.statements.summary.get(id);
    return row && toRunSummary(row);
  }

  byIdempotencyKey(key: string): RunSummary | undefined {
    const row = this.statements.byIdempotencyKey.get(key);
    return row && toRunSummary(row);
  }

  list(query: RunListQuery): { items: RunSummary[]; total: number } {
    const { page, count } = this.listStatementsFor(query.scenarioId !== undefined, query.state !== undefined);
    const params: ListParams = {
      limit: query.limit,
      offset: query.offset,
      ...(query.scenarioId !== undefined ? { scenarioId: query.scenarioId } : {}),
      ...(query.state !== undefined ? { state: query.state } : {}),
    };
    const items = page.all(params).map(toRunSummary);
    const total = count.get(params) ?? 0;
    return { items, total };
  }

  private listStatementsFor(byScenario: boolean, byState: boolean) {
    const key = `${byScenario}:${byState}`;
    let statements = this.listStatements.get(key);
    if (!statements) {
      const where = [
        ...(byScenario ? ['scenario_id = @scenarioId'] : []),
        ...(byState ? ['state = @state'] : []),
      ];
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      statements = {
        page: this.db.prepare<[ListParams], RunSummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM runs ${clause} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
        ),
        count: this.db.prepare<[ListParams], number>(`SELECT COUNT(*) FROM runs ${clause}`).pluck(),
      };
      this.listStatements.set(key, statements);
    }
    return statements;
  }

  /** Runs per state (for /metrics), every state present with 0 when it has none. */
  countByState(): Record<RunState, number> {
    const counts = Object.fromEntries(RUN_STATES.map((state) => [state, 0])) as Record<RunState, number>;
    for (const row of this.statements.countByState.all()) counts[row.state] = row.n;
    return counts;
  }

  /** Warm-up and horizon days of the run's scenario (read inside SQLite: the input is large). */
  scenarioDays(id: string): { warmupDays: number; horizonDays: number } {
    const row = this.statements.scenarioDays.get(id);
    return { warmupDays: row?.warmupDays ?? 0, horizonDays: row?.horizonDays ?? 0 };
  }

  /** The store answers (for /ready). */
  ping(): void {
    this.statements.ping.get();
  }

  history(id: string): RunStateChange[] {
    return this.statements.history.all(id);
  }

  /** Moves a run to `to` when its state machine allows it; answers whether it moved. */
  transition(id: string, to: RunState, at: string, reason: string | null = null): boolean {
    return this.statements.moveRun(id, to, at, reason);
  }

  setProgress(id: string, percent: number, planned: number, at: string): void {
    this.statements.setProgress.run({ id, percent, planned, at });
  }

  /** Stores one replication's result; a second copy (a retry elsewhere) is identical and ignored. */
  saveReplication(id: string, replication: number, result: string, execution: string): boolean {
    return this.statements.saveReplication(id, replication, result, execution);
  }

  storedReplications(id: string): number[] {
    return this.statements.storedReplications.all(id);
  }

  replicationResults(id: string): StoredReplication[] {
    return this.statements.replicationResults.all(id);
  }

  /** Aggregate stored and run completed in one transaction (or nothing, if the run finished otherwise). */
  complete(id: string, aggregate: string, execution: string, at: string): boolean {
    return this.statements.complete(id, aggregate, execution, at);
  }

  result(id: string): StoredAggregate | undefined {
    return this.statements.result.get(id);
  }

  /** Runs whose Redis side may disagree with the store: active ones not known enqueued, finished ones not cleaned. */
  unsynced(): RunSummary[] {
    return this.statements.unsynced.all().map(toRunSummary);
  }

  /** Active runs, which the reconciler checks against the queue after Redis comes back. */
  active(): RunSummary[] {
    return this.statements.active.all().map(toRunSummary);
  }

  /** Records that Redis agrees with the store, unless the run changed phase meanwhile. */
  markSynced(id: string, phase: 'active' | 'finished'): void {
    this.statements.markSynced[phase].run(id);
  }

  markUnsynced(id: string): void {
    this.statements.markUnsynced.run(id);
  }

  /** Deletes a finished run and everything stored of it; false when it is not finished (or absent). */
  purge(id: string): boolean {
    return this.statements.purge(id);
  }
}
