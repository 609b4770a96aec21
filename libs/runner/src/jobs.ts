// The queue contract between the api (producer) and workers: names, job ids, payloads and the
// Redis keys both read. Plain types only, so libs stay free of BullMQ (the apps import it).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AggregateResult, ReplicationResult } from '@caretwin/contracts';
import type { RunInput } from './run-input';
import type { RunPlan } from './rounds';

export const REPLICATIONS_QUEUE = 'replications';
/**
 * Length of the queue's event stream (BullMQ's default is 10 000). The api reads it as it is
 * written and recovers anything it missed from the jobs themselves, so a short stream suffices
 * and keeps Redis memory bounded. Every Queue instance of the deployment must use this value.
 */
export const EVENTS_MAX_LEN = 2000;
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

export type ParsedJobId =
  { runId: string; kind: 'replication'; replicationIndex: number } | { runId: string; kind: 'aggregate' };

export function parseJobId(jobId: string): ParsedJobId | null {
  const replication = /^(.+)_r(\d+)$/.exec(jobId);
  if (replication)
    return { runId: replication[1], kind: 'replication', replicationIndex: Number(replication[2]) };
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
  /** pool thread that ran a replication (worker_threads.threadId) */
  threadId?: number;
}

/**
 * A JSON value gzipped for the trip through Redis: BullMQ keeps a job's return value in the
 * job, in its parent's list of children values and in the event stream, and a replication's
 * daily series run to hundreds of kB. Lossless: the text that comes out is the text that went in.
 */
export interface PackedJson<T> {
  encoding: 'json+gzip+base64';
  data: string;
  /** length of the JSON text */
  bytes: number;
  /** phantom: what the text decodes to */
  readonly __type?: T;
}

export function packJson<T>(value: T): PackedJson<T> {
  const text = JSON.stringify(value);
  return {
    encoding: 'json+gzip+base64',
    data: gzipSync(Buffer.from(text, 'utf8')).toString('base64'),
    bytes: Buffer.byteLength(text),
  };
}

/** The JSON text inside (stored as is by the api, so nothing is re-serialised). */
export function unpackJsonText(packed: PackedJson<unknown>): string {
  if (packed?.encoding !== 'json+gzip+base64') throw new Error('not a packed JSON value');
  return gunzipSync(Buffer.from(packed.data, 'base64')).toString('utf8');
}

export function unpackJson<T>(packed: PackedJson<T>): T {
  return JSON.parse(unpackJsonText(packed)) as T;
}

export interface ReplicationJobResult {
  replication: number;
  result: PackedJson<ReplicationResult>;
  execution: JobExecution;
  /** engine events the replication processed (its `events` KPI), for the api's /metrics */
  events?: number;
}

export interface AggregateJobResult {
  aggregate: PackedJson<AggregateResult>;
  replicationIndices: number[];
  rounds: number;
  execution: JobExecution;
}

/** Set by the api on cancel; workers mirror it into the model's once-a-day stop check. */
export function cancelFlagKey(prefix: string, runId: string): string {
  return `${prefix}:caretwin:cancel:${runId}`;
}
