// Retention (RETENTION_DAYS, `caretwin store prune`): a finished run older than the cut-off
// loses its bulk — every replication's result (its KPIs, daily and weekly series, per-hospital
// tables) and the aggregate's daily and weekly occupancy bands — and keeps what says what it
// was and what it found: the run row and its state history, its request and input (the
// scenario and region: the provenance a result document is built from), and the aggregate's
// KPIs with their CIs, per-hospital estimates, flows, static need, warm-up analysis and
// warnings. The input's region (most of a small run's bytes, the same for every run on one data
// version) moves to `run_regions`, stored once per content hash, and the input points at it
// (`region: {$ref: 'sha256:…'}`): restoredInput gives the input back byte for byte. Plain
// synchronous SQL (no Nest) so the api's interval and the CLI share it.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_FILE, type Db } from './database';

/** The key of a pruned run's input region that names its shared copy in run_regions. */
const REF = '$ref';

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
  /** bytes of JSON text deleted (replication results, aggregate series, copies of a region already shared) */
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
  private readonly inputOf;
  private readonly keepRegion;
  private readonly regionOf;
  private readonly setInput;
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
    this.inputOf = db.prepare<[string], string>('SELECT input FROM runs WHERE id = ?').pluck();
    this.keepRegion = db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO run_regions (hash, region) VALUES (?, ?)',
    );
    this.regionOf = db.prepare<[string], string>('SELECT region FROM run_regions WHERE hash = ?').pluck();
    this.setInput = db.prepare<[string, string]>('UPDATE runs SET input = ? WHERE id = ?');
    this.pruneOne = db.transaction((id: string, at: string): { replications: number; bytes: number } => {
      const reps = this.replicationBytes.get(id) ?? { n: 0, bytes: 0 };
      const series = this.seriesBytes.get(id) ?? 0;
      this.deleteReplications.run(id);
      this.dropSeries.run(id);
      const moved = this.shareRegion(id);
      this.markPruned.run(at, id);
      return { replications: reps.n, bytes: (reps.bytes ?? 0) + series + moved };
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

  /** Moves the input's region to run_regions (once per content); answers the bytes the input lost. */
  private shareRegion(id: string): number {
    const text = this.inputOf.get(id);
    if (text === undefined) return 0;
    const input = JSON.parse(text) as Record<string, unknown>;
    const region = input.region;
    if (typeof region !== 'object' || region === null || REF in region) return 0;
    const regionText = JSON.stringify(region);
    const hash = `sha256:${createHash('sha256').update(regionText).digest('hex')}`;
    const firstCopy = this.keepRegion.run(hash, regionText).changes > 0;
    const shared = JSON.stringify({ ...input, region: { [REF]: hash } });
    this.setInput.run(shared, id);
    // the first run of a region moves it rather than freeing it
    return firstCopy ? 0 : Buffer.byteLength(text) - Buffer.byteLength(shared);
  }

  /** The run's input as stored before pruning (its region restored from run_regions); undefined when no such run. */
  restoredInput(id: string): string | undefined {
    const text = this.inputOf.get(id);
    if (text === undefined) return undefined;
    const input = JSON.parse(text) as Record<string, unknown>;
    const region = input.region as Record<string, unknown> | undefined;
    const hash = region?.[REF];
    if (typeof hash !== 'string') return text;
    const regionText = this.regionOf.get(hash);
    if (regionText === undefined) throw new Error(`run ${id}: region ${hash} is missing from run_regions`);
    return JSON.stringify({ ...input, region: JSON.parse(regionText) as unknown });
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
