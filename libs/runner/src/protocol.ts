// Messages between ReplicationPool (main thread) and replication.worker (a worker thread).
import type { MessagePort } from 'node:worker_threads';
import type { DaySnapshot, ReplicationResult } from '@caretwin/contracts';
import type { RunInput } from './run-input';

/** Index of the stop flag in the shared control array; the model reads it once per simulated day. */
export const STOP_FLAG = 0;

/** What every thread of a pool is started with (Piscina's workerData). */
export interface ThreadSettings {
  /** the scheduling priority the thread lowers itself to (ReplicationPoolOptions.nice) */
  nice: number;
}

export interface ThreadTask {
  input: RunInput;
  /** runInputKey(input): the thread keeps the decoded scenario under it between replications */
  inputKey: string;
  replicationIndex: number;
  /** Int32Array over a SharedArrayBuffer; [STOP_FLAG] = 1 asks the replication to stop. */
  control: SharedArrayBuffer;
  /** receives ThreadProgress batches */
  port: MessagePort;
  /** least milliseconds between two progress batches */
  progressIntervalMs: number;
}

/** Every day completed since the last batch, oldest first (so a live band sees every day). */
export interface ThreadProgress {
  day: number;
  snapshots: DaySnapshot[];
}

export type ThreadOutcome =
  | {
      ok: true;
      result: ReplicationResult;
      stopped: boolean;
      /** worker_threads.threadId of the thread that ran it */ threadId: number;
    }
  | { ok: false; error: { name: string; message: string; stack?: string } };
