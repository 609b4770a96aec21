// `caretwin store prune`: retention from the command line, on a deployment's store under
// DATA_DIR (beside a running api too: SQLite WAL, one short transaction per run). The same
// pruning as the api's RETENTION_DAYS interval (@caretwin/store RetentionRepository): finished
// runs older than --older-than lose their replications and daily series, keep their row,
// history, input (provenance) and KPIs. The file keeps its size (SQLite reuses the freed pages
// for new runs) unless --vacuum rewrites it.
import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '@caretwin/config';
import {
  AuditRepository,
  RetentionRepository,
  STORE_FILE,
  openDatabase,
  parseAge,
  retentionCutoff,
  storeBytes,
  type PruneResult,
} from '@caretwin/store';

/** '30d', '12h', '90' (days), '0d' (every finished run) → days. */
export function parseOlderThan(value: string): number {
  const days = parseAge(value);
  if (days === undefined || !Number.isFinite(days) || days < 0)
    throw new InvalidArgumentError('an age such as 30d, 12h or 90 (days); 0d prunes every finished run');
  return days;
}

/** RETENTION_DAYS when the environment sets it (and not 0), else the default of config/default.yaml. */
function defaultDays(env: Readonly<Record<string, string | undefined>>): number {
  const days = Number(env.RETENTION_DAYS);
  return Number.isFinite(days) && days > 0 ? days : 90;
}

export interface PruneOptions {
  dataDir?: string;
  olderThan?: number;
  vacuum?: boolean;
  json?: boolean;
}

export interface PruneReport extends PruneResult {
  dataDir: string;
  olderThanDays: number;
  finishedBefore: string;
  storeBytesBefore: number;
  storeBytesAfter: number;
  vacuumed: boolean;
}

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MB`;

export function pruneStore(options: PruneOptions, env = process.env, now = new Date()): PruneReport {
  const dataDir = options.dataDir ?? resolveDataDir({ env });
  if (!existsSync(join(dataDir, STORE_FILE)))
    throw new Error(
      `no store at ${join(dataDir, STORE_FILE)}: give the deployment's data directory with --data-dir (or DATA_DIR)`,
    );
  const olderThanDays = options.olderThan ?? defaultDays(env);
  const finishedBefore = retentionCutoff(now, olderThanDays);
  const storeBytesBefore = storeBytes(dataDir);
  const db = openDatabase(dataDir);
  let result: PruneResult;
  try {
    result = new RetentionRepository(db).prune({ finishedBefore, at: now.toISOString() });
    const who = `cli:${userInfo().username}`;
    new AuditRepository(db).record({
      at: now.toISOString(),
      actorId: who,
      actorName: who,
      role: 'admin',
      action: 'store.prune',
      target: `${result.runs} runs finished before ${finishedBefore}`,
      status: null,
    });
    if (options.vacuum) db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return {
    ...result,
    dataDir,
    olderThanDays,
    finishedBefore,
    storeBytesBefore,
    storeBytesAfter: storeBytes(dataDir),
    vacuumed: options.vacuum === true,
  };
}

export function storeCommand(): Command {
  const store = new Command('store').description("the deployment's SQLite store under DATA_DIR");
  store
    .command('prune')
    .description(
      'drop the replications and daily series of finished runs older than --older-than (their row, history, provenance and KPIs stay)',
    )
    .option(
      '--data-dir <dir>',
      "the deployment's data directory (default: DATA_DIR, else config/default.yaml's)",
    )
    .addOption(
      new Option(
        '--older-than <age>',
        'prune runs that finished longer ago than this: 30d, 12h or 90 (days); default RETENTION_DAYS, else 90d',
      ).argParser(parseOlderThan),
    )
    .option(
      '--vacuum',
      'rewrite the file afterwards so it shrinks (takes the store for a while; api writes wait)',
    )
    .option('--json', 'print the figures as JSON')
    .action((options: PruneOptions) => {
      const report = pruneStore(options);
      if (options.json) {
        console.log(JSON.stringify(report));
        return;
      }
      console.log(
        `pruned ${report.runs} run${report.runs === 1 ? '' : 's'} finished before ${report.finishedBefore} ` +
          `(${report.replications} replication results, ${mb(report.bytes)} of results and daily series)`,
      );
      console.log(
        `store ${mb(report.storeBytesBefore)} → ${mb(report.storeBytesAfter)}` +
          (report.vacuumed
            ? ' (vacuumed)'
            : ' (freed pages are reused by new runs; --vacuum shrinks the file)'),
      );
    });
  return store;
}
