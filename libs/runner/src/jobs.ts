// The queue contract between the api (producer) and workers: names, job ids, payloads, the
// options jobs are added with, the execution block, failure codes and the Redis keys both read.
// Plain types and functions only, so libs stay free of BullMQ (the apps import it and hand these
// plain objects to it). It lives here rather than in libs/contracts because it is the service's
// queue protocol, not a shape the dashboard or the HTTP api sees (docs/architecture.md, "Contracts").
import { hostname } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AggregateResult, ReplicationResult } from '@caretwin/contracts';
import type { RunInput } from './run-input';
import { firstRound, type RunPlan } from './rounds';

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

/**
 * Delay before a failed job's first retry; BullMQ doubles it at each further try. Retries are for
 * transient faults (Redis away, a worker gone); a bad input fails without retry.
 */
export const RETRY_BACKOFF_MS = 1000;

/**
 * The options every job of a run is added with (a subset of BullMQ's JobsOptions, structurally):
 * an id derived from the run (so adding again is a no-op), tries with exponential backoff, and
 * for a replication, failing its parent when it fails for good (a run never waits forever).
 */
export interface RunJobOptions {
  jobId: string;
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  failParentOnFailure?: boolean;
}

/** A job of a run as it is handed to BullMQ (Queue.add, or a node of FlowProducer.add). */
export interface RunJob<Data> {
  name: RunJobName;
  queueName: typeof REPLICATIONS_QUEUE;
  data: Data;
  opts: RunJobOptions;
}

/** A run's flow: the parent job and the first round of replications as its children. */
export interface RunFlow extends RunJob<AggregateJobData> {
  children: Array<RunJob<ReplicationJobData>>;
}

/**
 * One replication job of a run: the first round (in the flow) and later rounds (added by the
 * parent job in the worker) are built here alike. `attempts` is JOB_ATTEMPTS (runs.attempts).
 */
export function replicationJob(
  runId: string,
  replicationIndex: number,
  attempts: number,
): RunJob<ReplicationJobData> {
  return {
    name: JOB_REPLICATION,
    queueName: REPLICATIONS_QUEUE,
    data: { runId, replicationIndex },
    opts: {
      jobId: replicationJobId(runId, replicationIndex),
      attempts,
      backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
      failParentOnFailure: true,
    },
  };
}

/** The flow the api adds for an accepted run (and adds again, same ids, when Redis lost it). */
export function runFlow(
  run: { id: string; input: RunInput; inputKey: string; plan: RunPlan },
  attempts: number,
): RunFlow {
  const enqueued = firstRound(run.plan);
  return {
    name: JOB_AGGREGATE,
    queueName: REPLICATIONS_QUEUE,
    data: { runId: run.id, input: run.input, inputKey: run.inputKey, plan: run.plan, enqueued },
    opts: {
      jobId: aggregateJobId(run.id),
      attempts,
      backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
    },
    children: enqueued.map((index) => replicationJob(run.id, index, attempts)),
  };
}

/**
 * The failedReason of a job stopped because its run was cancelled. BullMQ keeps only an error's
 * message across the queue, so anything reading failedReason compares with this constant; the
 * worker throws it as RunCancelledError.
 */
export const RUN_CANCELLED_REASON = 'run cancelled';

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

/** What an execution block reads from a BullMQ job (structurally: libs do not import bullmq). */
export interface JobTries {
  /** tries started, this one included (0 on jobs added before BullMQ counted them) */
  attemptsStarted: number;
  /** tries that ended in a failure */
  attemptsMade: number;
}

/** The execution block of a job that ran in this process from `startedAt` to `finishedAt`. */
export function jobExecution(
  job: JobTries,
  worker: string,
  startedAt: Date,
  finishedAt: Date,
  threadId?: number,
): JobExecution {
  return {
    worker,
    host: hostname(),
    pid: process.pid,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    attempt: job.attemptsStarted || job.attemptsMade + 1,
    ...(threadId === undefined ? {} : { threadId }),
  };
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
