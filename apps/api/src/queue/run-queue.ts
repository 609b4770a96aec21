// Adapter around BullMQ for the api: a run is a flow (one parent 'aggregate' job, one child per
// replication of the first round); job ids derive from the run id so re-enqueueing finds the
// same jobs. Every call is bounded in time (Redis may be away).
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { FlowProducer, Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@caretwin/config';
import {
  REPLICATIONS_QUEUE,
  aggregateJobId,
  cancelFlagKey,
  parseJobId,
  runFlow,
  type AggregateJobResult,
  type ReplicationJobResult,
  type RunInput,
  type RunPlan,
} from '@caretwin/runner';
import { APP_CONFIG } from '../config/config.tokens';
import { API_REDIS } from './queue.tokens';
import { withTimeout } from './with-timeout';

export const RUN_FLOW_PRODUCER = 'runs';
const CALL_TIMEOUT_MS = 5000;
/** A cancel flag outlives any run that could still be running. */
const CANCEL_FLAG_TTL_S = 7 * 24 * 3600;

export interface RunToEnqueue {
  id: string;
  input: RunInput;
  inputKey: string;
  plan: RunPlan;
}

export type ParentStatus =
  | { kind: 'missing' }
  | { kind: 'pending'; state: string }
  | { kind: 'completed'; value: AggregateJobResult }
  | { kind: 'failed'; reason: string };

/** The replication whose failure failed its run, and why (its job's failedReason). */
export interface FailedReplication {
  replicationIndex: number;
  reason?: string;
}

@Injectable()
export class RunQueue {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(REPLICATIONS_QUEUE) private readonly queue: Queue,
    @InjectFlowProducer(RUN_FLOW_PRODUCER) private readonly flows: FlowProducer,
    @Inject(API_REDIS) private readonly redis: Redis,
  ) {}

  /** True while the api's Redis connection is up. */
  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Adds the run's flow unless its parent job exists; answers whether it added it. */
  async enqueue(run: RunToEnqueue): Promise<boolean> {
    const parentId = aggregateJobId(run.id);
    if (await withTimeout(this.queue.getJob(parentId), CALL_TIMEOUT_MS, 'look up run job')) return false;
    await withTimeout(
      this.flows.add(runFlow(run, this.config.runs.attempts)),
      CALL_TIMEOUT_MS,
      'enqueue run',
    );
    return true;
  }

  /** Jobs per BullMQ state (the queue depth /metrics shows). */
  jobCounts(): Promise<Record<string, number>> {
    return withTimeout(
      this.queue.getJobCounts(
        'waiting',
        'prioritized',
        'waiting-children',
        'active',
        'delayed',
        'failed',
        'completed',
      ),
      CALL_TIMEOUT_MS,
      'count jobs',
    );
  }

  async parentStatus(runId: string): Promise<ParentStatus> {
    const job = await withTimeout(
      this.queue.getJob(aggregateJobId(runId)),
      CALL_TIMEOUT_MS,
      'look up run job',
    );
    if (!job) return { kind: 'missing' };
    const state = await withTimeout(job.getState(), CALL_TIMEOUT_MS, 'run job state');
    if (state === 'completed') return { kind: 'completed', value: job.returnvalue as AggregateJobResult };
    if (state === 'failed') return { kind: 'failed', reason: job.failedReason || 'failed' };
    return { kind: 'pending', state };
  }

  /**
   * The replication that failed the run, asked of BullMQ rather than read out of the parent's
   * failedReason: a child added with failParentOnFailure that fails for good is listed among its
   * parent's failed dependencies (getDependencies().failed, oldest first, as job keys). Undefined
   * when the parent failed on its own (e.g. aggregation) or is gone.
   */
  async failedReplication(runId: string): Promise<FailedReplication | undefined> {
    const parent = await withTimeout(
      this.queue.getJob(aggregateJobId(runId)),
      CALL_TIMEOUT_MS,
      'look up run job',
    );
    if (!parent) return undefined;
    const { failed = [] } = await withTimeout(
      parent.getDependencies({ failed: { count: 1 } }),
      CALL_TIMEOUT_MS,
      'read failed replications',
    );
    const keyPrefix = this.queue.toKey('');
    for (const key of failed) {
      const child = key.startsWith(keyPrefix) ? parseJobId(key.slice(keyPrefix.length)) : null;
      if (child?.kind !== 'replication' || child.runId !== runId) continue;
      const job = await withTimeout(
        this.queue.getJob(key.slice(keyPrefix.length)),
        CALL_TIMEOUT_MS,
        'look up replication job',
      );
      return { replicationIndex: child.replicationIndex, reason: job?.failedReason || undefined };
    }
    return undefined;
  }

  /** Results of the run's finished replications, by index (read when the run completes). */
  async childResults(runId: string): Promise<Map<number, ReplicationJobResult>> {
    const job = await withTimeout(
      Job.fromId(this.queue, aggregateJobId(runId)),
      CALL_TIMEOUT_MS,
      'read run job',
    );
    const out = new Map<number, ReplicationJobResult>();
    if (!job) return out;
    const values = await withTimeout(
      job.getChildrenValues<ReplicationJobResult>(),
      CALL_TIMEOUT_MS,
      'read replication results',
    );
    for (const value of Object.values(values)) out.set(value.replication, value);
    return out;
  }

  async setCancelFlag(runId: string): Promise<void> {
    await withTimeout(
      this.redis.set(cancelFlagKey(this.config.redis.prefix, runId), '1', 'EX', CANCEL_FLAG_TTL_S),
      CALL_TIMEOUT_MS,
      'set cancel flag',
    );
  }

  /**
   * Removes the run's jobs. Jobs a worker holds cannot be removed yet (they stop at their next
   * simulated day when cancelled); answers whether the run is gone from Redis.
   */
  async remove(runId: string): Promise<boolean> {
    const job = await withTimeout(
      this.queue.getJob(aggregateJobId(runId)),
      CALL_TIMEOUT_MS,
      'look up run job',
    );
    if (!job) return true;
    try {
      await withTimeout(job.remove({ removeChildren: true }), CALL_TIMEOUT_MS, 'remove run jobs');
      return true;
    } catch {
      return false;
    }
  }
}
