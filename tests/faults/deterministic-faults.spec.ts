// Faults that are not crashes (issue 9, faults 7 and 8): a replication the model refuses every
// time (injected with FAULTS_FAIL_REPLICATION, a setting refused unless NODE_ENV=test), and one
// request sent many times at once with one Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess, ServiceProcess } from '../service/harness/processes';
import { FaultEnv } from './harness/fault-env';
import { getRun, postRun, request, waitForEnd } from './harness/runs';

/** BullMQ's event stream of the replications queue, as [event, jobId] pairs in order. */
async function queueEvents(env: FaultEnv): Promise<Array<{ event: string; jobId: string }>> {
  const redis = env.client();
  try {
    const entries = await redis.xrange(`${env.prefix}:replications:events`, '-', '+');
    return entries.map(([, fields]) => {
      const map = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
      return { event: map.get('event') ?? '', jobId: map.get('jobId') ?? '' };
    });
  } finally {
    redis.disconnect();
  }
}

describe('deterministic faults', () => {
  const FAILING = 13;
  let env: FaultEnv;
  let api: ApiProcess;
  let worker: ServiceProcess;

  beforeAll(async () => {
    env = await FaultEnv.create('deterministic', { persistent: false });
    [api, worker] = await Promise.all([
      env.startApi(),
      env.startWorker({ FAULTS_FAIL_REPLICATION: String(FAILING), WORKER_THREADS: '2' }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await env?.cleanup();
  }, 60_000);

  it('fails the run with a plain reason, without retrying, when one replication of 20 fails every time', async () => {
    const id = await postRun(api.url, {
      scenarioId: 'miyagi-2025-baseline',
      replications: 20,
      horizonDays: 3,
      overrides: { warmupDays: 1 },
    });
    // Bounded: a failed child fails its parent at once (no retries, no waiting on the others).
    const run = await waitForEnd(api.url, id, 90_000);
    expect(run.state).toBe('failed');
    expect(run.history.map((h) => h.state)).toEqual(['queued', 'running', 'failed']);
    // What a planner reads: which replication and why, no stack, no Redis key, no job id.
    expect(run.error).toBe(`replication ${FAILING} failed: injected test fault (FAULTS_FAIL_REPLICATION)`);

    // The job of that replication became active once and failed once: no retry.
    const jobId = `${id}_r${FAILING}`;
    const events = (await queueEvents(env)).filter((e) => e.jobId === jobId);
    expect(events.filter((e) => e.event === 'active')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'failed')).toHaveLength(1);
    expect(events.some((e) => e.event === 'retries-exhausted' || e.event === 'delayed')).toBe(false);

    const result = await request<{ code: string }>(api.url, 'GET', `/api/runs/${id}/result`);
    expect(result.status).toBe(409);
    expect(worker.running).toBe(true);
  }, 120_000);

  it('creates one run for many concurrent POSTs with one Idempotency-Key', async () => {
    const before = (await request<{ total: number }>(api.url, 'GET', '/api/runs')).body.total;
    const body = {
      scenarioId: 'miyagi-2025-baseline',
      replications: 2,
      horizonDays: 3,
      overrides: { warmupDays: 1 },
    };
    const headers = { 'Idempotency-Key': `fault-${env.prefix}` };
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        request<{ id: string; state: string }>(api.url, 'POST', '/api/runs', { json: body, headers }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect((await request<{ total: number }>(api.url, 'GET', '/api/runs')).body.total).toBe(before + 1);

    const [id] = ids;
    expect((await waitForEnd(api.url, id, 90_000)).state).toBe('completed');
    expect((await getRun(api.url, id)).history.filter((h) => h.state === 'completed')).toHaveLength(1);
  }, 120_000);
});
