import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import {
  JOB_AGGREGATE,
  JOB_REPLICATION,
  REPLICATIONS_QUEUE,
  RETRY_BACKOFF_MS,
  aggregateJobId,
  cancelFlagKey,
  jobExecution,
  packJson,
  parseJobId,
  replicationJob,
  replicationJobId,
  runFlow,
  unpackJson,
  unpackJsonText,
  type PackedJson,
} from './jobs';
import { firstRound, maxReplications, planFor, type RunPlan } from './rounds';
import type { RunInput } from './run-input';

const runId = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('job ids of a run', () => {
  it('derive from the run id and replication index, contain no ":" and parse back', () => {
    const ids = [aggregateJobId(runId), replicationJobId(runId, 0), replicationJobId(runId, 17)];
    for (const id of ids) expect(id).not.toContain(':');
    expect(ids.map(parseJobId)).toEqual([
      { runId, kind: 'aggregate' },
      { runId, kind: 'replication', replicationIndex: 0 },
      { runId, kind: 'replication', replicationIndex: 17 },
    ]);
    expect(parseJobId('42')).toBeNull();
  });

  it('put the cancel flag under the deployment prefix', () => {
    expect(cancelFlagKey('caretwin-abc', runId)).toBe(`caretwin-abc:caretwin:cancel:${runId}`);
  });
});

describe('the jobs of a run', () => {
  const input = { scenario: { id: 's' } } as unknown as RunInput;
  const plan: RunPlan = { mode: 'precision', kpi: 'inquiries.refused', halfWidth: 1, max: 7, roundSize: 3 };

  it('form a flow: the parent carries the input and the first round, each child fails its parent for good', () => {
    const flow = runFlow({ id: runId, input, inputKey: 'k', plan }, 4);
    expect(flow).toMatchObject({
      name: JOB_AGGREGATE,
      queueName: REPLICATIONS_QUEUE,
      data: { runId, input, inputKey: 'k', plan, enqueued: [0, 1, 2] },
      opts: {
        jobId: aggregateJobId(runId),
        attempts: 4,
        backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
      },
    });
    expect(flow.opts).not.toHaveProperty('failParentOnFailure');
    expect(flow.children).toEqual([0, 1, 2].map((i) => replicationJob(runId, i, 4)));
  });

  it('give a later round the same options as the first', () => {
    expect(replicationJob(runId, 5, 2)).toEqual({
      name: JOB_REPLICATION,
      queueName: REPLICATIONS_QUEUE,
      data: { runId, replicationIndex: 5 },
      opts: {
        jobId: replicationJobId(runId, 5),
        attempts: 2,
        backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS },
        failParentOnFailure: true,
      },
    });
  });

  it('say in their execution block which try ran, counting from 1', () => {
    const start = new Date('2025-01-01T00:00:00.000Z');
    const end = new Date('2025-01-01T00:00:01.250Z');
    expect(jobExecution({ attemptsStarted: 2, attemptsMade: 1 }, 'w', start, end, 3)).toEqual({
      worker: 'w',
      host: hostname(),
      pid: process.pid,
      startedAt: '2025-01-01T00:00:00.000Z',
      finishedAt: '2025-01-01T00:00:01.250Z',
      durationMs: 1250,
      attempt: 2,
      threadId: 3,
    });
    // A job added before BullMQ counted started tries: the failed ones plus this one.
    const older = jobExecution({ attemptsStarted: 0, attemptsMade: 1 }, 'w', start, end);
    expect(older.attempt).toBe(2);
    expect(older).not.toHaveProperty('threadId');
  });
});

describe('the replication plan', () => {
  it('runs every replication of a fixed run in one round', () => {
    const plan = planFor({ replications: 5 }, 10);
    expect(plan).toEqual({ mode: 'fixed', replications: 5 });
    expect(firstRound(plan)).toEqual([0, 1, 2, 3, 4]);
  });

  it('starts a precision run with one round and never plans beyond its max', () => {
    const plan = planFor(
      { replications: 5, precision: { kpi: 'inquiries.refused', halfWidth: 1, max: 7 } },
      4,
    );
    expect(firstRound(plan)).toEqual([0, 1, 2, 3]);
    expect(maxReplications(plan)).toBe(7);
    expect(
      firstRound(
        planFor({ replications: 5, precision: { kpi: 'inquiries.refused', halfWidth: 1, max: 3 } }, 4),
      ),
    ).toEqual([0, 1, 2]);
  });
});

describe('packed job results', () => {
  it('give back exactly the JSON text that went in', () => {
    const value = {
      kpis: { a: 0.1 + 0.2, b: -0, c: 1e-300 },
      series: Array.from({ length: 1000 }, (_, i) => i / 7),
    };
    const packed = JSON.parse(JSON.stringify(packJson(value))) as PackedJson<typeof value>;
    expect(unpackJsonText(packed)).toBe(JSON.stringify(value));
    expect(unpackJson(packed)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(packed.data.length).toBeLessThan(packed.bytes);
  });
});
