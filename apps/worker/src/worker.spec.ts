// The worker as `npm run start:worker` boots it (startWorker: its Nest module, the BullMQ worker,
// the thread pool on the built model), on a private redis-server under its own key prefix. Runs
// are added as the api adds them (runFlow from the queue contract); a tiny region keeps each
// replication well under a second. What the worker returns must equal libs/model in-process.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowProducer, Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, redisConnectionOptions, type AppConfig } from '@caretwin/config';
import { aggregate, runReplication } from '@caretwin/model';
import {
  REPLICATIONS_QUEUE,
  RETRY_BACKOFF_MS,
  RUN_CANCELLED_REASON,
  aggregateJobId,
  cancelFlagKey,
  decodeReplicationState,
  liveKeys,
  replicationJobId,
  runFlow,
  runInputKey,
  toRunInput,
  unpackJsonText,
  workerStatsKey,
  type AggregateJobResult,
  type ReplicationJobResult,
  type RunInput,
  type RunPlan,
} from '@caretwin/runner';
import { resolvedScenario } from '../../../libs/model/src/testing/region-builder';
import { stressRegion } from '../../../libs/model/src/testing/stress-region';
import { startRedisServer, type RedisServerHandle } from '../../../scripts/private-redis.mjs';
import { ensureBuilt } from '../../../tests/service/harness/build';
import { startWorker, type WorkerHandle } from './bootstrap';

/** The replication index the worker is told to refuse (FAULTS_FAIL_REPLICATION, test only). */
const REFUSED = 7;

const replicationStates = (hash: Record<string, string>) =>
  Object.entries(hash).map(([index, text]) => decodeReplicationState(Number(index), text));

interface LogLine {
  msg?: string;
  runId?: string;
  replication?: number;
}

describe('the worker', () => {
  let dir: string;
  let server: RedisServerHandle;
  let config: AppConfig;
  let worker: WorkerHandle;
  let admin: Redis;
  let flows: FlowProducer;
  let queue: Queue;
  const prefix = `worker-spec-${process.pid}`;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    await ensureBuilt(); // the pool's threads run the built model (libs/runner/dist)
    dir = mkdtempSync(join(tmpdir(), 'caretwin-worker-spec-'));
    server = await startRedisServer({ dir });
    config = loadConfig({
      env: {
        NODE_ENV: 'test',
        DATA_DIR: dir,
        REDIS_URL: server.url,
        BULLMQ_PREFIX: prefix,
        WORKER_THREADS: '2',
        JOB_ATTEMPTS: '3',
        PROGRESS_INTERVAL_MS: '50',
        CANCEL_POLL_MS: '50',
        WORKER_STATS_INTERVAL_MS: '100',
        FAULTS_FAIL_REPLICATION: String(REFUSED),
        LOG_LEVEL: 'info',
      },
    });
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    );
    worker = await startWorker(config, logger);
    const connection = { ...redisConnectionOptions(server.url), maxRetriesPerRequest: null };
    admin = new Redis(redisConnectionOptions(server.url));
    flows = new FlowProducer({ connection, prefix });
    queue = new Queue(REPLICATIONS_QUEUE, { connection, prefix });
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await flows?.close();
    await queue?.close();
    admin?.disconnect();
    await server?.stop(); // the Redis this suite started, and no other
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const scenario = (horizonDays: number) =>
    resolvedScenario(stressRegion(), {
      id: 'worker-spec',
      seed: 11,
      horizonDays,
      warmupDays: 5,
      initialCensus: { mode: 'expected' },
    });

  /** Adds a run's flow as the api does; answers its id. */
  async function addRun(resolved: ReturnType<typeof scenario>, plan: RunPlan): Promise<string> {
    const id = randomUUID();
    const input = JSON.parse(JSON.stringify(toRunInput(resolved))) as RunInput;
    await flows.add(runFlow({ id, input, inputKey: runInputKey(input), plan }, config.runs.attempts));
    return id;
  }

  async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The job once it has completed or failed for good. */
  const finished = (jobId: string, timeoutMs?: number): Promise<Job> =>
    until(
      `job ${jobId} to finish`,
      async () => {
        // The state first, then the job: read the other way round a job could fail in between.
        const state = await queue.getJobState(jobId);
        if (state !== 'completed' && state !== 'failed') return undefined;
        return Job.fromId(queue, jobId);
      },
      timeoutMs,
    );

  async function childValues(runId: string): Promise<Map<number, ReplicationJobResult>> {
    const parent = await Job.fromId(queue, aggregateJobId(runId));
    const values = await parent!.getChildrenValues<ReplicationJobResult>();
    return new Map(Object.values(values).map((v) => [v.replication, v]));
  }

  /** This worker's heartbeat figures, once written after `since` (ms). */
  const statsAfter = (since: number): Promise<Record<string, string>> =>
    until('a worker heartbeat', async () => {
      const stats = await admin.hgetall(workerStatsKey(prefix, worker.workerId));
      return Number(stats.updatedAt) > since ? stats : undefined;
    });

  it('runs each replication to the result libs/model gives in-process, and aggregates them in index order', async () => {
    const resolved = scenario(20);
    const runId = await addRun(resolved, { mode: 'fixed', replications: 3 });
    const parent = await finished(aggregateJobId(runId));
    expect(await parent.getState()).toBe('completed');

    const inProcess = [0, 1, 2].map((i) => runReplication(resolved, i));
    const children = await childValues(runId);
    expect([...children.keys()].sort()).toEqual([0, 1, 2]);
    for (const [index, value] of children) {
      // The JSON text the api stores as is: bit for bit what the model gives for that seed.
      expect(unpackJsonText(value.result)).toBe(JSON.stringify(inProcess[index]));
      expect(value.execution).toMatchObject({ worker: worker.workerId, attempt: 1, pid: process.pid });
      expect(value.execution.threadId).toEqual(expect.any(Number));
    }

    const result = parent.returnvalue as AggregateJobResult;
    expect(result.replicationIndices).toEqual([0, 1, 2]);
    expect(result.rounds).toBe(1);
    expect(unpackJsonText(result.aggregate)).toBe(JSON.stringify(aggregate(inProcess)));
    expect(result.execution).toMatchObject({ worker: worker.workerId, attempt: 1 });
    expect(result.execution).not.toHaveProperty('threadId');
  }, 120_000);

  it('adds another round from the parent job, with the options of the first, until a precision run reaches its max', async () => {
    const resolved = scenario(10);
    // A half-width no run reaches: rounds of 2 until max 4.
    const plan: RunPlan = { mode: 'precision', kpi: 'admissions', halfWidth: 1e-9, max: 4, roundSize: 2 };
    const runId = await addRun(resolved, plan);
    const parent = await finished(aggregateJobId(runId));
    expect(await parent.getState()).toBe('completed');

    const result = parent.returnvalue as AggregateJobResult;
    expect(result.rounds).toBe(2);
    expect(result.replicationIndices).toEqual([0, 1, 2, 3]);
    const inProcess = [0, 1, 2, 3].map((i) => runReplication(resolved, i));
    expect(unpackJsonText(result.aggregate)).toBe(JSON.stringify(aggregate(inProcess)));

    const first = await Job.fromId(queue, replicationJobId(runId, 0));
    const later = await Job.fromId(queue, replicationJobId(runId, 3));
    for (const job of [first, later]) {
      expect(job?.opts).toMatchObject({
        attempts: config.runs.attempts,
        backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
        failParentOnFailure: true,
      });
      expect(job?.parent?.id).toBe(aggregateJobId(runId));
    }
  }, 120_000);

  it('retries a replication whose first try met a transient Redis fault, and the run completes on its second', async () => {
    const resolved = scenario(10);
    // For a moment Redis refuses the worker every key outside the queue's own (as an ACL change
    // or a failover could): the job's cancel-flag read throws a plain error, a transient fault.
    await admin.call('ACL', 'SETUSER', 'default', 'resetkeys', `~${prefix}:${REPLICATIONS_QUEUE}:*`);
    let runId = '';
    try {
      runId = await addRun(resolved, { mode: 'fixed', replications: 1 });
      await until('the first try to fail', async () => {
        const job = await Job.fromId(queue, replicationJobId(runId, 0));
        return job && job.attemptsMade >= 1 ? job : undefined;
      });
    } finally {
      await admin.call('ACL', 'SETUSER', 'default', 'allkeys');
    }
    const child = await finished(replicationJobId(runId, 0));
    expect(await child.getState()).toBe('completed');
    const parent = await finished(aggregateJobId(runId));
    expect(await parent.getState()).toBe('completed');

    const value = child.returnvalue as ReplicationJobResult;
    expect(value.execution.attempt).toBe(2);
    expect(unpackJsonText(value.result)).toBe(JSON.stringify(runReplication(resolved, 0)));
  }, 120_000);

  it('fails a run at once when a replication fails for good, and BullMQ names that replication among the parent’s failed children', async () => {
    const runId = await addRun(scenario(3), { mode: 'fixed', replications: REFUSED + 1 });
    const parent = await finished(aggregateJobId(runId));
    expect(await parent.getState()).toBe('failed');

    const refused = await finished(replicationJobId(runId, REFUSED));
    expect(refused.failedReason).toBe('injected test fault (FAULTS_FAIL_REPLICATION)');
    expect(refused.attemptsMade).toBe(1); // unrecoverable: no retry
    // What the api reads to tell a planner which replication failed (RunQueue.failedReplication).
    const { failed } = await parent.getDependencies({ failed: { count: 10 } });
    expect(failed).toEqual([queue.toKey(replicationJobId(runId, REFUSED))]);
  }, 120_000);

  it("stops a cancelled run's replications at their next simulated day, without retry, and never aggregates", async () => {
    const resolved = scenario(20_000);
    const total = resolved.scenario.warmupDays + resolved.scenario.horizonDays;
    const runId = await addRun(resolved, { mode: 'fixed', replications: 2 });
    const reps = liveKeys(prefix, runId).reps;
    await until('both replications to report a simulated day', async () => {
      const states = replicationStates(await admin.hgetall(reps));
      return states.length === 2 && states.every((s) => s.day > 0) ? states : undefined;
    });

    const cancelledAt = Date.now();
    await admin.set(cancelFlagKey(prefix, runId), '1'); // what the api does on DELETE /api/runs/:id
    const children = await Promise.all([0, 1].map((i) => finished(replicationJobId(runId, i), 10_000)));
    const stoppedWithin = Date.now() - cancelledAt;

    for (const child of children) {
      expect(await child.getState()).toBe('failed');
      expect(child.failedReason).toBe(RUN_CANCELLED_REASON);
      expect(child.attemptsMade).toBe(1);
    }
    expect(stoppedWithin).toBeLessThan(5_000);
    const reached = replicationStates(await admin.hgetall(reps));
    for (const state of reached) expect(state.day).toBeLessThan(total);
    expect(
      lines.filter((l) => l.runId === runId && l.msg === 'replication stopped: run cancelled'),
    ).toHaveLength(2);

    const parent = await finished(aggregateJobId(runId));
    expect(await parent.getState()).toBe('failed');
    expect(parent.returnvalue).toBeNull();
    expect(lines.some((l) => l.runId === runId && l.msg === 'run aggregated')).toBe(false);
    // A cancellation is no failure of the worker.
    expect((await statsAfter(Date.now())).replicationsFailed).toBe('0');
  }, 120_000);
});
