// Runs every replication of a scenario in this process, on the runner's thread pool (the pool
// the service's workers use), in the runner's rounds: a fixed run is one round, a precision run
// adds rounds until its CI target is met, deciding on the index-ordered prefix. At most one
// replication per thread is in flight, so each knows when it really started. The document it
// returns is the service's (buildRunResult); what depends on this machine goes in `execution`.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ReplicationResult } from '@caretwin/contracts';
import type { ResolvedScenario } from '@caretwin/scenario';
import {
  buildRunResult,
  decideAfterRound,
  firstRound,
  maxReplications,
  planFor,
  ReplicationPool,
  runInputKey,
  toRunInput,
  totalDays,
  type ReplicationProgress,
  type RunPlan,
  type RunResultDocument,
} from '@caretwin/runner';

/**
 * Replications per round of a precision run. The service's default (PRECISION_ROUND_SIZE = 10),
 * and never the thread count: rounds decide how many replications run, so they must not depend
 * on the machine.
 */
export const PRECISION_ROUND_SIZE = 10;

export interface ReplicationExecution {
  replication: number;
  /** worker_threads.threadId of the pool thread that ran it */
  threadId: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** events the engine processed (the `events` KPI, repeated here for throughput figures) */
  events: number;
}

/** Everything about a CLI run that may differ between two runs of the same input. */
export interface CliExecution {
  source: 'cli';
  runId: string;
  /** the command line as typed (argv after the node binary) */
  command: string[];
  host: string;
  pid: number;
  node: string;
  threads: number;
  rounds: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** CPU time of the whole process (every thread) during the run, user + system: the work done, whatever else the machine was doing */
  cpuMs: number;
  replications: ReplicationExecution[];
  /** peak resident set of the process (main thread and pool threads), bytes */
  peakRssBytes: number;
}

export interface LocalRunEvents {
  /** planned replications changed (a new precision round) */
  onPlan?: (planned: number, totalDaysPerReplication: number) => void;
  onProgress?: (progress: ReplicationProgress) => void;
  onReplicationDone?: (execution: ReplicationExecution) => void;
}

export interface LocalRunOptions extends LocalRunEvents {
  threads: number;
  signal?: AbortSignal;
  /** milliseconds between progress reports of one replication (default 250) */
  progressIntervalMs?: number;
  /** an existing pool (the caller destroys it); otherwise one is made and destroyed here */
  pool?: ReplicationPool;
  command?: string[];
}

export class RunInterruptedError extends Error {
  constructor() {
    super('run interrupted');
    this.name = 'RunInterruptedError';
  }
}

export function planOf(resolved: ResolvedScenario): RunPlan {
  return planFor(resolved.scenario, PRECISION_ROUND_SIZE);
}

export async function runLocally(
  resolved: ResolvedScenario,
  options: LocalRunOptions,
): Promise<RunResultDocument<CliExecution>> {
  const started = new Date();
  const cpu0 = process.cpuUsage();
  const input = toRunInput(resolved);
  const inputKey = runInputKey(input);
  const plan = planOf(resolved);
  const days = totalDays(resolved.scenario);
  const pool =
    options.pool ??
    new ReplicationPool({ threads: options.threads, progressIntervalMs: options.progressIntervalMs });
  const { signal } = options;
  const results: ReplicationResult[] = [];
  const executions: ReplicationExecution[] = [];
  let rounds = 0;

  const runOne = async (replicationIndex: number): Promise<void> => {
    const t0 = new Date();
    const { result, threadId } = await pool.runDetailed(
      { input, inputKey, replicationIndex },
      { signal, onProgress: options.onProgress },
    );
    const t1 = new Date();
    const execution: ReplicationExecution = {
      replication: replicationIndex,
      threadId,
      startedAt: t0.toISOString(),
      finishedAt: t1.toISOString(),
      durationMs: t1.getTime() - t0.getTime(),
      events: result.kpis['events'] ?? 0,
    };
    results.push(result);
    executions.push(execution);
    options.onReplicationDone?.(execution);
  };

  /** Runs a round with at most `threads` replications in flight; the first failure stops the rest. */
  const runRound = async (indices: number[]): Promise<void> => {
    const queue = [...indices];
    let failure: unknown;
    const lane = async (): Promise<void> => {
      while (queue.length > 0 && failure === undefined && !signal?.aborted) {
        const next = queue.shift() as number;
        try {
          await runOne(next);
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(pool.threads, indices.length) }, lane));
    if (signal?.aborted) throw new RunInterruptedError();
    if (failure !== undefined) throw failure;
  };

  try {
    let next = firstRound(plan);
    let planned = next.length;
    options.onPlan?.(planned, days);
    for (;;) {
      rounds++;
      await runRound(next);
      const decision = decideAfterRound(plan, results);
      if (decision.done) break;
      next = decision.next;
      planned += next.length;
      options.onPlan?.(Math.min(planned, maxReplications(plan)), days);
    }
  } finally {
    if (!options.pool) await pool.destroy();
  }

  const finished = new Date();
  const cpu = process.cpuUsage(cpu0);
  executions.sort((a, b) => a.replication - b.replication);
  const execution: CliExecution = {
    source: 'cli',
    runId: randomUUID(),
    command: options.command ?? process.argv.slice(1),
    host: hostname(),
    pid: process.pid,
    node: process.version,
    threads: pool.threads,
    rounds,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    replications: executions,
    // resourceUsage().maxRSS is in kilobytes and covers every thread of the process
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  return buildRunResult(input, results, execution);
}
