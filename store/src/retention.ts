// Retention (RETENTION_DAYS, `caretwin store prune`): a finished run older than the cut-off
// loses its bulk — every replication's result (its KPIs, daily and weekly series, per-hospital
// tables) and the aggregate's daily and weekly occupancy bands — and keeps what says what it
// was and what it found: the run row and its state history, its request and input (the
// scenario and region: the provenance a result document is built from), and the aggregate's
// KPIs with their CIs, per-hospital estimates, flows, static need, warm-up analysis and
// warnings. Plain synchronous SQL (no Nest) so the api's interval and the CLI share it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_FILE, type Db } from './database';

/** The aggregate's series that are dropped (each becomes []); everything else in it stays. */
export const PRUNED_AGGREGATE_FIELDS = ['dailyOccupancy', 'weeklyHospitalOccupancy'] as const;

export interface PruneOptions {
  /** runs that finished before this ISO time are pruned */
  finishedBefore: string;
  /** ISO time recorded as the run's pruned_at */
  at: string;
  /** most runs pruned by this call (one transaction per run); default all */
  limit?: number;
}

export interface PruneResult {
  /** runs pruned */
  runs: number;
  /** replication results deleted */
  replications: number;
  /** bytes of JSON text deleted (replication results and aggregate series) */
  bytes: number;
}

/** The ISO time `days` days before `now`. */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();
}

/** Parses `30d`, `12h`, `90` (days) into days; undefined when it is not one of those. */
export function parseAge(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(d|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === 'h' ? n / 24 : n;
}

const SERIES_SET = PRUNED_AGGREGATE_FIELDS.map((f) => `'$.${f}', json('[]')`).join(', ');
const SERIES_BYTES = PRUNED_AGGREGATE_FIELDS.map(
  (f) => `COALESCE(length(json_extract(aggregate, '$.${f}')), 0)`,
).join(' + ');

/** Statements of retention, prepared once per database. */
export class RetentionRepository {
  private readonly candidates;
  private readonly replicationBytes;
  private readonly deleteReplications;
  private readonly seriesBytes;
  private readonly dropSeries;
  private readonly markPruned;
  private readonly prunedAtOf;
  private readonly keptKpisOf;
  private readonly pruneOne;

  constructor(db: Db) {
    this.candidates = db
      .prepare<[string, number], string>(
        `SELECT id FROM runs
         WHERE pruned_at IS NULL AND finished_at IS NOT NULL AND finished_at < ?
           AND state IN ('completed', 'failed', 'cancelled')
         ORDER BY finished_at LIMIT ?`,
      )
      .pluck();
    this.replicationBytes = db.prepare<[string], { n: number; bytes: number | null }>(
      'SELECT COUNT(*) AS n, SUM(length(result) + length(execution)) AS bytes FROM replication_results WHERE run_id = ?',
    );
    this.deleteReplications = db.prepare<[string]>('DELETE FROM replication_results WHERE run_id = ?');
    this.seriesBytes = db
      .prepare<[string], number | null>(`SELECT ${SERIES_BYTES} FROM run_results WHERE run_id = ?`)
      .pluck();
    this.dropSeries = db.prepare<[string]>(
      `UPDATE run_results SET aggregate = json_set(aggregate, ${SERIES_SET}) WHERE run_id = ?`,
    );
    this.markPruned = db.prepare<[string, string]>(
      'UPDATE runs SET pruned_at = ? WHERE id = ? AND pruned_at IS NULL',
    );
    this.prunedAtOf = db.prepare<[string], string | null>('SELECT pruned_at FROM runs WHERE id = ?').pluck();
    this.keptKpisOf = db
      .prepare<[string], string | null>(
        "SELECT json_extract(aggregate, '$.kpis') FROM run_results WHERE run_id = ?",
      )
      .pluck();
    this.pruneOne = db.transaction((id: string, at: string): { replications: number; bytes: number } => {
      const reps = this.replicationBytes.get(id) ?? { n: 0, bytes: 0 };
      const series = this.seriesBytes.get(id) ?? 0;
      this.deleteReplications.run(id);
      this.dropSeries.run(id);
      this.markPruned.run(at, id);
      return { replications: reps.n, bytes: (reps.bytes ?? 0) + series };
    });
  }

  /** Prunes finished runs older than the cut-off, oldest first; a pruned run is never pruned again. */
  prune(options: PruneOptions): PruneResult {
    const ids = this.candidates.all(options.finishedBefore, options.limit ?? -1);
    const result: PruneResult = { runs: 0, replications: 0, bytes: 0 };
    for (const id of ids) {
      const one = this.pruneOne(id, options.at);
      result.runs++;
      result.replications += one.replications;
      result.bytes += one.bytes;
    }
    return result;
  }

  /** When the run was pruned; null when it was not (or does not exist). */
  prunedAt(id: string): string | null {
    return this.prunedAtOf.get(id) ?? null;
  }

  /** The aggregate's KPIs (JSON text) kept for a run, or undefined when it has no stored result. */
  keptKpis(id: string): string | undefined {
    return this.keptKpisOf.get(id) ?? undefined;
  }
}

/** The store's files under DATA_DIR: the database, its write-ahead log and shared-memory index. */
export function storeFiles(dataDir: string, file = STORE_FILE): string[] {
  const main = join(dataDir, file);
  return [main, `${main}-wal`, `${main}-shm`];
}

/** Bytes of the store on disk (database + WAL + shared memory; a missing file counts 0). */
export function storeBytes(dataDir: string, file = STORE_FILE): number {
  let total = 0;
  for (const path of storeFiles(dataDir, file)) {
    try {
      total += statSync(path).size;
    } catch {
      // not there (no WAL yet, or the store was never opened)
    }
  }
  return total;
}
