// A pool of worker threads that run replications: the CLI (`caretwin run --workers K`) and the
// service's worker process share it, so the CPU work never blocks an event loop (BullMQ lock
// renewal keeps running) and a result is the same whoever computed it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import Piscina from 'piscina';
import type { DaySnapshot, ReplicationResult } from '@caretwin/contracts';
import {
  STOP_FLAG,
  type ThreadOutcome,
  type ThreadProgress,
  type ThreadSettings,
  type ThreadTask,
} from './protocol';
import { runInputKey, totalDays, type RunInput } from './run-input';

export interface ReplicationPoolOptions {
  /** Worker threads (each runs one replication at a time). */
  threads: number;
  /** Least milliseconds between two progress reports of one replication (default 250). */
  progressIntervalMs?: number;
  /**
   * Scheduling priority (nice, 0–19) of the pool's threads, each lowering itself before its first
   * replication: the model is batch work, so on a shared machine the event loops (the api's
   * sockets, the worker's queue and notices) get a core first. 0 (default): as their starter.
   */
  nice?: number;
}

export interface ReplicationTask {
  input: RunInput;
  replicationIndex: number;
  /** runInputKey(input), when the caller has it already (saves hashing per replication) */
  inputKey?: string;
}

export interface ReplicationProgress {
  replicationIndex: number;
  /** simulated days completed, warm-up included */
  day: number;
  totalDays: number;
  /** 0–100 */
  percent: number;
  /** every day completed since the previous report, oldest first */
  snapshots: DaySnapshot[];
}

export interface RunTaskOptions {
  onProgress?: (progress: ReplicationProgress) => void;
  /** Aborting stops the replication at its next simulated day; run() then rejects. */
  signal?: AbortSignal;
}

/** A finished replication with the thread that ran it (for an `execution` block, never the result). */
export interface ReplicationRun {
  result: ReplicationResult;
  /** worker_threads.threadId of the pool thread */
  threadId: number;
}

/** The model threw: the same input will throw again, so it must not be retried. */
export class ReplicationFailedError extends Error {
  constructor(
    readonly replicationIndex: number,
    /** the model's own message */
    readonly reason: string,
    readonly threadStack?: string,
  ) {
    super(`replication ${replicationIndex} failed: ${reason}`);
    this.name = 'ReplicationFailedError';
  }
}

/** The replication was stopped through its signal (cancellation or shutdown). */
export class ReplicationStoppedError extends Error {
  constructor(
    readonly replicationIndex: number,
    reason: unknown,
  ) {
    super(
      `replication ${replicationIndex} stopped${reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : ''}`,
    );
    this.name = 'ReplicationStoppedError';
  }
}

/** The compiled thread entry; under vitest (src/*.ts) the built one in dist/ is used. */
function workerFile(): string {
  const compiled = join(__dirname, 'replication.worker.js');
  if (existsSync(compiled)) return compiled;
  const built = join(__dirname, '..', 'dist', 'replication.worker.js');
  if (existsSync(built)) return built;
  throw new Error(`replication thread entry not found at ${compiled}: run \`npm run build\` first`);
}

/** Delivers batches the thread posted just before returning, so the last days are not lost. */
function drain(port: MessagePort, relay: (message: ThreadProgress) => void): void {
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port))
    relay(next.message as ThreadProgress);
}

export class ReplicationPool {
  private readonly piscina: Piscina<ThreadTask, ThreadOutcome>;
  private readonly progressIntervalMs: number;
  private destroyed = false;

  constructor(options: ReplicationPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1)
      throw new RangeError(`threads must be a positive integer, got ${options.threads}`);
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.piscina = new Piscina<ThreadTask, ThreadOutcome>({
      filename: workerFile(),
      minThreads: options.threads,
      maxThreads: options.threads,
      // Threads stay up between runs: the model's tables are rebuilt only when the scenario changes.
      idleTimeout: 60_000,
      workerData: { nice: options.nice ?? 0 } satisfies ThreadSettings,
    });
  }

  get threads(): number {
    return this.piscina.maxThreads;
  }

  /** Replications started but not finished (running or waiting for a thread). */
  get pending(): number {
    return this.piscina.queueSize + (this.piscina.threads.length - this.piscina.idleThreads);
  }

  async run(task: ReplicationTask, options: RunTaskOptions = {}): Promise<ReplicationResult> {
    return (await this.runDetailed(task, options)).result;
  }

  /** As run(), and says which thread ran the replication. */
  async runDetailed(task: ReplicationTask, options: RunTaskOptions = {}): Promise<ReplicationRun> {
    if (this.destroyed) throw new Error('ReplicationPool is destroyed');
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new ReplicationStoppedError(task.replicationIndex, signal.reason);

    const control = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const stop = (): void => {
      Atomics.store(new Int32Array(control), STOP_FLAG, 1);
    };
    signal?.addEventListener('abort', stop, { once: true });

    const days = totalDays(task.input.scenario);
    const { port1, port2 } = new MessageChannel();
    const relay = (message: ThreadProgress): void =>
      onProgress?.({
        replicationIndex: task.replicationIndex,
        day: message.day,
        totalDays: days,
        percent: days > 0 ? Math.min(100, (100 * message.day) / days) : 100,
        snapshots: message.snapshots,
      });
    port1.on('message', relay);
    const threadTask: ThreadTask = {
      input: task.input,
      inputKey: task.inputKey ?? runInputKey(task.input),
      replicationIndex: task.replicationIndex,
      control,
      port: port2,
      progressIntervalMs: this.progressIntervalMs,
    };
    try {
      const outcome = await this.piscina.run(threadTask, { transferList: [port2] });
      if (!outcome.ok)
        throw new ReplicationFailedError(task.replicationIndex, outcome.error.message, outcome.error.stack);
      if (outcome.stopped || signal?.aborted)
        throw new ReplicationStoppedError(task.replicationIndex, signal?.reason);
      return { result: outcome.result, threadId: outcome.threadId };
    } finally {
      signal?.removeEventListener('abort', stop);
      drain(port1, relay);
      port1.close();
    }
  }

  /** Stops every thread; replications still running are abandoned. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.piscina.destroy();
  }
}
