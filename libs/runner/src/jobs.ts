// The queue contract between the api (producer) and workers: names, job ids, payloads and the
// Redis keys both read. Plain types only, so libs stay free of BullMQ (the apps import it).
import type { AggregateResult, ReplicationResult } from '@caretwin/contracts';
import type { RunInput } from './run-input';
import type { RunPlan } from './rounds';

export const REPLICATIONS_QUEUE = 'replications';
export const JOB_REPLICATION = 'replication';
export const JOB_AGGREGATE = 'aggregate';
export type RunJobName = typeof JOB_REPLICATION | typeof JOB_AGGREGATE;

/** Job ids come from (run id, replication index) so a re-enqueue finds the same jobs; no ':'. */
export function replicationJobId(runId: string, replicationIndex: number): string {
  return `${runId}_r${replicationIndex}`;
}
export function aggregateJobId(runId: string): string {
  return `${runId}_agg`;
}

export type ParsedJobId = { runId: string; kind: 'replication'; replicationIndex: number } | { runId: string; kind: 'aggregate' };

export function parseJobId(jobId: string): ParsedJobId | null {
  const replication = /^(.+)_r(\d+)$/.exec(jobId);
  if (replication) return { runId: replication[1], kind: 'replication', replicationIndex: Number(replication[2]) };
  const parent = /^(.+)_agg$/.exec(jobId);
  if (parent) return { runId: parent[1], kind: 'aggregate' };
  return null;
}

/** The parent ('aggregate') job carries the run's input once; its children read it from there. */
export interface AggregateJobData {
  runId: string;
  input: RunInput;
  inputKey: string;
  plan: RunPlan;
  /** replication indices enqueued so far, ascending (grows by rounds in precision runs) */
  enqueued: number[];
}

export interface ReplicationJobData {
  runId: string;
  replicationIndex: number;
}

/** Where and when a job ran: kept apart from the result, which must not depend on it. */
export interface JobExecution {
  worker: string;
  host: string;
  pid: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** 1 on the first try */
  attempt: number;
}

export interface ReplicationJobResult {
  result: ReplicationResult;
  execution: JobExecution;
}

export interface AggregateJobResult {
  aggregate: AggregateResult;
  replicationIndices: number[];
  rounds: number;
  execution: JobExecution;
}

/** Set by the api on cancel; workers mirror it into the model's once-a-day stop check. */
export function cancelFlagKey(prefix: string, runId: string): string {
  return `${prefix}:caretwin:cancel:${runId}`;
}
