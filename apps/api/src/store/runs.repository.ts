// Runs, their state history, replication results and aggregates in SQLite. Every method is
// synchronous (better-sqlite3), so a request's reads and writes never interleave with another's.
import { Inject, Injectable } from '@nestjs/common';
import { canTransition, FINISHED_STATES, RUN_STATES, type RunState } from '../runs/run-state';
import { DATABASE } from './store.tokens';
import type { Db } from './database';

export interface RunRow {
  id: string;
  scenario_id: string;
  region_id: string;
  state: RunState;
  request: string;
  input: string;
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
}

/** The columns a list shows (the input and request are large and only read one run at a time). */
export type RunSummaryRow = Omit<RunRow, 'input' | 'request'>;

export interface StateChange {
  state: RunState;
  at: string;
  reason: string | null;
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
}

export interface RunListQuery {
  scenarioId?: string;
  state?: RunState;
  limit: number;
  offset: number;
}

const SUMMARY_COLUMNS =
  'id, scenario_id, region_id, state, input_key, plan, seed, replications_planned, replications_max, replications_done, progress_percent, error, idempotency_key, body_hash, created_at, started_at, finished_at, updated_at, queue_synced';

@Injectable()
export class RunsRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  insert(run: NewRun): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned, replications_max,
             idempotency_key, body_hash, created_at, updated_at)
           VALUES (@id, @scenarioId, @regionId, 'queued', @request, @input, @inputKey, @plan, @seed, @replicationsPlanned, @replicationsMax,
             @idempotencyKey, @bodyHash, @at, @at)`,
        )
        .run(run);
      this.db
        .prepare(
          `INSERT INTO run_states (run_id, seq, state, at, reason) VALUES (?, 1, 'queued', ?, 'accepted')`,
        )
        .run(run.id, run.at);
    })();
  }

  get(id: string): RunRow | undefined {
    return this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  }

  summary(id: string): RunSummaryRow | undefined {
    return this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE id = ?`).get(id) as
      RunSummaryRow | undefined;
  }

  byIdempotencyKey(key: string): RunSummaryRow | undefined {
    return this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE idempotency_key = ?`).get(key) as
      RunSummaryRow | undefined;
  }

  list(query: RunListQuery): { items: RunSummaryRow[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit, offset: query.offset };
    if (query.scenarioId) {
      where.push('scenario_id = @scenarioId');
      params.scenarioId = query.scenarioId;
    }
    if (query.state) {
      where.push('state = @state');
      params.state = query.state;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const items = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM runs ${clause} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as RunSummaryRow[];
    const total = (this.db.prepare(`SELECT COUNT(*) FROM runs ${clause}`).pluck().get(params) as number) ?? 0;
    return { items, total };
  }

  /** Runs per state (for /metrics), every state present with 0 when it has none. */
  countByState(): Record<RunState, number> {
    const counts = Object.fromEntries(RUN_STATES.map((state) => [state, 0])) as Record<RunState, number>;
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM runs GROUP BY state').all() as Array<{
      state: RunState;
      n: number;
    }>;
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /** Warm-up and horizon days of the run's scenario (read inside SQLite: the input is large). */
  scenarioDays(id: string): { warmupDays: number; horizonDays: number } {
    const row = this.db
      .prepare(
        "SELECT json_extract(input, '$.scenario.warmupDays') AS warmupDays, json_extract(input, '$.scenario.horizonDays') AS horizonDays FROM runs WHERE id = ?",
      )
      .get(id) as { warmupDays: number | null; horizonDays: number | null } | undefined;
    return { warmupDays: row?.warmupDays ?? 0, horizonDays: row?.horizonDays ?? 0 };
  }

  /** The store answers (for /ready). */
  ping(): void {
    this.db.prepare('SELECT 1').get();
  }

  history(id: string): StateChange[] {
    return this.db
      .prepare('SELECT state, at, reason FROM run_states WHERE run_id = ? ORDER BY seq')
      .all(id) as StateChange[];
  }

  /** Moves a run to `to` when its state machine allows it; answers whether it moved. */
  transition(id: string, to: RunState, at: string, reason: string | null = null): boolean {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT state FROM runs WHERE id = ?').get(id) as
        { state: RunState } | undefined;
      if (!row || !canTransition(row.state, to)) return false;
      const finished = FINISHED_STATES.has(to);
      this.db
        .prepare(
          `UPDATE runs SET state = @to, updated_at = @at,
             started_at = CASE WHEN @to = 'running' AND started_at IS NULL THEN @at ELSE started_at END,
             finished_at = CASE WHEN @finished = 1 THEN @at ELSE finished_at END,
             progress_percent = CASE WHEN @to = 'completed' THEN 100 ELSE progress_percent END,
             error = CASE WHEN @to = 'failed' THEN @reason ELSE error END,
             queue_synced = CASE WHEN @finished = 1 THEN 0 ELSE queue_synced END
           WHERE id = @id`,
        )
        .run({ id, to, at, reason, finished: finished ? 1 : 0 });
      const seq =
        (this.db
          .prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM run_states WHERE run_id = ?')
          .pluck()
          .get(id) as number) ?? 1;
      this.db
        .prepare('INSERT INTO run_states (run_id, seq, state, at, reason) VALUES (?, ?, ?, ?, ?)')
        .run(id, seq, to, at, reason);
      return true;
    })();
  }

  setProgress(id: string, percent: number, planned: number, at: string): void {
    this.db
      .prepare(
        `UPDATE runs SET progress_percent = @percent, replications_planned = MAX(replications_planned, @planned), updated_at = @at
         WHERE id = @id AND state IN ('queued', 'running')`,
      )
      .run({ id, percent, planned, at });
  }

  /** Stores one replication's result; a second copy (a retry elsewhere) is identical and ignored. */
  saveReplication(id: string, replication: number, result: string, execution: string): boolean {
    return this.db.transaction(() => {
      const inserted = this.db
        .prepare(
          'INSERT OR IGNORE INTO replication_results (run_id, replication, result, execution) VALUES (?, ?, ?, ?)',
        )
        .run(id, replication, result, execution).changes;
      if (inserted)
        this.db.prepare('UPDATE runs SET replications_done = replications_done + 1 WHERE id = ?').run(id);
      return inserted > 0;
    })();
  }

  storedReplications(id: string): number[] {
    return this.db
      .prepare('SELECT replication FROM replication_results WHERE run_id = ? ORDER BY replication')
      .pluck()
      .all(id) as number[];
  }

  replicationResults(id: string): Array<{ replication: number; result: string; execution: string }> {
    return this.db
      .prepare(
        'SELECT replication, result, execution FROM replication_results WHERE run_id = ? ORDER BY replication',
      )
      .all(id) as Array<{
      replication: number;
      result: string;
      execution: string;
    }>;
  }

  /** Aggregate stored and run completed in one transaction (or nothing, if the run finished otherwise). */
  complete(id: string, aggregate: string, execution: string, at: string): boolean {
    return this.db.transaction(() => {
      if (!this.transition(id, 'completed', at, null)) return false;
      this.db
        .prepare('INSERT OR REPLACE INTO run_results (run_id, aggregate, execution) VALUES (?, ?, ?)')
        .run(id, aggregate, execution);
      return true;
    })();
  }

  result(id: string): { aggregate: string; execution: string } | undefined {
    return this.db.prepare('SELECT aggregate, execution FROM run_results WHERE run_id = ?').get(id) as
      { aggregate: string; execution: string } | undefined;
  }

  /** Runs whose Redis side may disagree with the store: active ones not known enqueued, finished ones not cleaned. */
  unsynced(): RunSummaryRow[] {
    return this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE queue_synced = 0 ORDER BY created_at`)
      .all() as RunSummaryRow[];
  }

  /** Active runs, which the reconciler checks against the queue after Redis comes back. */
  active(): RunSummaryRow[] {
    return this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE state IN ('queued', 'running') ORDER BY created_at`)
      .all() as RunSummaryRow[];
  }

  /** Records that Redis agrees with the store, unless the run changed phase meanwhile. */
  markSynced(id: string, phase: 'active' | 'finished'): void {
    const states = phase === 'active' ? "('queued', 'running')" : "('completed', 'failed', 'cancelled')";
    this.db.prepare(`UPDATE runs SET queue_synced = 1 WHERE id = ? AND state IN ${states}`).run(id);
  }

  markUnsynced(id: string): void {
    this.db.prepare('UPDATE runs SET queue_synced = 0 WHERE id = ?').run(id);
  }
}
