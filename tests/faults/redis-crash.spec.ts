// Redis killed with -9 during a run (issue 9, fault 4). Its AOF is on, so it comes back with the
// queue as of (at most) the last second. While it is away the api must keep answering: accept
// runs (stored first), serve reads from the store, say 503 on /ready, and never hang a request.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '@caretwin/contracts';
import { FaultEnv } from './harness/fault-env';
import { FAULT_SCENARIO, referenceResult, withoutExecution, type Comparable } from './harness/reference';
import { getResult, postRun, request, waitForEnd, waitForReplicationMidway, waitUntil } from './harness/runs';

/** Longest any request may take while Redis is away (the api bounds its own Redis calls at 5 s). */
const ANSWER_WITHIN_MS = 10_000;

describe('Redis killed with SIGKILL during a run', () => {
  let reference: Comparable;
  let env: FaultEnv | undefined;

  beforeAll(async () => {
    reference = await referenceResult(FAULT_SCENARIO);
  }, 180_000);

  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  }, 60_000);

  it('keeps accepting and answering while Redis is away, then completes every accepted run once with the right result', async () => {
    env = await FaultEnv.create('redis-kill', { persistent: true });
    const [api, worker] = await Promise.all([env.startApi(), env.startWorker()]);
    const within = { timeoutMs: ANSWER_WITHIN_MS };
    expect((await request(api.url, 'GET', '/ready', within)).status).toBe(200);

    const first = await postRun(api.url, { scenario: FAULT_SCENARIO });
    await waitForReplicationMidway(api.url, worker, first);
    await env.killRedis();

    // Accepted while Redis is away: stored first, enqueued when it is back.
    const posted = await request<{ id: string; state: string }>(api.url, 'POST', '/api/runs', {
      ...within,
      json: { scenario: FAULT_SCENARIO },
    });
    expect(posted.status).toBe(202);
    expect(posted.body.state).toBe('queued');
    const second = posted.body.id;

    // Several rounds of reads, so the api has noticed the outage (reconnect loops, reconcile
    // passes) by the later ones: every request answers, from the store.
    for (let round = 0; round < 4; round++) {
      const [a, b, list, ready, health] = await Promise.all([
        request<RunView>(api.url, 'GET', `/api/runs/${first}`, within),
        request<RunView>(api.url, 'GET', `/api/runs/${second}`, within),
        request<{ total: number }>(api.url, 'GET', '/api/runs', within),
        request<{ status: string; checks: { redis: { ok: boolean; reason?: string } } }>(
          api.url,
          'GET',
          '/ready',
          within,
        ),
        request(api.url, 'GET', '/health', within),
      ]);
      expect([a.status, b.status, list.status, health.status]).toEqual([200, 200, 200, 200]);
      expect(a.body.state).toBe('running');
      expect(b.body.state).toBe('queued');
      expect(list.body.total).toBe(2);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.redis.ok).toBe(false);
      await new Promise((r) => setTimeout(r, 750));
    }

    await env.restartRedis();
    await waitUntil('/ready to answer 200 again', async () =>
      (await request(api.url, 'GET', '/ready', within)).status === 200 ? true : undefined,
    );
    for (const id of [first, second]) {
      const run = await waitForEnd(api.url, id);
      expect(run.state).toBe('completed');
      // Completed once: one transition to completed, one 'run completed' line.
      expect(run.history.map((h) => h.state)).toEqual(['queued', 'running', 'completed']);
      // (the line may reach us after the HTTP answer: wait for it, then count)
      await api.waitForLog((l) => l.runId === id && l.msg === 'run completed');
      expect(api.lines.filter((l) => l.runId === id && l.msg === 'run completed')).toHaveLength(1);
      expect(withoutExecution(await getResult(api.url, id))).toEqual(reference);
    }
  }, 240_000);
});
