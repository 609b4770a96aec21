// Progress of a local run on stderr: on a terminal two bars (replications finished, simulated
// days across all replications, warm-up included); elsewhere (pipes, logs, tests) one line when
// the run starts and one per finished replication, so output stays readable.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ReplicationProgress } from '@caretwin/runner';
import type { LocalRunEvents, ReplicationExecution } from '../run/local-run';

export interface ProgressDisplay extends LocalRunEvents {
  /** a line above the bars (or on its own line) */
  log(line: string): void;
  stop(): void;
}

export function createProgress(options: {
  tty: boolean;
  enabled: boolean;
  label: string;
  stream?: NodeJS.WriteStream;
}): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  if (!options.enabled) return { log: () => undefined, stop: () => undefined };
  if (!options.tty) return lineProgress(stream, options.label);
  return barProgress(stream, options.label);
}

function lineProgress(stream: NodeJS.WriteStream, label: string): ProgressDisplay {
  let planned = 0;
  let done = 0;
  return {
    log: (line) => stream.write(`${line}\n`),
    onPlan: (n, days) => {
      if (n > planned)
        stream.write(
          `${label}: ${n - planned} replication${n - planned === 1 ? '' : 's'} of ${days} simulated days queued\n`,
        );
      planned = n;
    },
    onReplicationDone: (e: ReplicationExecution) => {
      done++;
      stream.write(
        `${label}: replication ${e.replication} done on thread ${e.threadId} in ${(e.durationMs / 1000).toFixed(1)} s (${done}/${planned})\n`,
      );
    },
    stop: () => undefined,
  };
}

function barProgress(stream: NodeJS.WriteStream, label: string): ProgressDisplay {
  const multibar = new MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      format: `${label} {name} |{bar}| {value}/{total} {unit}`,
      autopadding: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let replications: SingleBar | undefined;
  let days: SingleBar | undefined;
  const dayOf = new Map<number, number>();
  let daysPerReplication = 0;
  let dayTotal = 0;
  let done = 0;
  return {
    log: (line) => multibar.log(`${line}\n`),
    onPlan: (n, perReplication) => {
      daysPerReplication = perReplication;
      replications ??= multibar.create(n, 0, { name: 'replications  ', unit: '' });
      days ??= multibar.create(n * perReplication, 0, { name: 'simulated days', unit: 'days' });
      replications.setTotal(n);
      days.setTotal(n * perReplication);
    },
    onProgress: (p: ReplicationProgress) => {
      dayTotal += p.day - (dayOf.get(p.replicationIndex) ?? 0);
      dayOf.set(p.replicationIndex, p.day);
      days?.update(dayTotal);
    },
    onReplicationDone: (e: ReplicationExecution) => {
      done++;
      dayTotal += daysPerReplication - (dayOf.get(e.replication) ?? 0);
      dayOf.set(e.replication, daysPerReplication);
      days?.update(dayTotal);
      replications?.update(done);
    },
    stop: () => multibar.stop(),
  };
}
