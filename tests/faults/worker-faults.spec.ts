// Worker processes dying or being stopped in the middle of a replication (issue 9, faults 1, 5
// and 6). Each test has its own redis-server, data dir and BullMQ prefix; the kills are real
// signals to the built worker processes this file started.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '../service/harness/processes';
import { FaultEnv, SHUTDOWN_DEADLINE_MS } from './harness/fault-env';
import {
  FAULT_SCENARIO,
  LONG_FAULT_SCENARIO,
  referenceResult,
  withoutExecution,
  type Comparable,
} from './harness/reference';
import { getResult, heldReplications, postRun, waitForEnd, waitForReplicationMidway } from './harness/runs';
import { exitOf, signalAndWait } from './harness/signals';

/**
 * What "within its deadline" allows on top of SHUTDOWN_DEADLINE_MS: the hard exit fires at the
 * deadline; this is the time for the process to be scheduled and reaped on a busy 2-core machine.
 */
const EXIT_MARGIN_MS = 2500;

describe('a run whose worker dies or is stopped mid-replication', () => {
  let reference: Comparable;
  let longReference: Comparable;
  let env: FaultEnv | undefined;

  beforeAll(async () => {
    reference = await referenceResult(FAULT_SCENARIO);
    longReference = await referenceResult(LONG_FAULT_SCENARIO);
  }, 240_000);

  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  }, 60_000);

  it('completes with exactly the undisturbed result when the worker holding a replication is SIGKILLed, and shows the retry', async () => {
    env = await FaultEnv.create('sigkill-worker');
    const [api, doomed] = await Promise.all([env.startApi(), env.startWorker()]);
    const id = await postRun(api.url, { scenario: FAULT_SCENARIO });

    const { index } = await waitForReplicationMidway(api.url, doomed, id);
    doomed.child.kill('SIGKILL');
    const exit = await exitOf(doomed.child);
    expect(exit.signal).toBe('SIGKILL');
    // What the killed worker held when it died (its log is all that is left of it).
    expect(heldReplications(doomed, id)).toEqual([index]);

    const successor = await env.startWorker();
    const run = await waitForEnd(api.url, id);
    expect(run.state).toBe('completed');
    expect(run.history.filter((h) => h.state === 'completed')).toHaveLength(1);

    const result = await getResult(api.url, id);
    expect(withoutExecution(result)).toEqual(reference);
    const retried = result.execution.replications.find((r) => r.replication === index);
    // The job came back as stalled and ran again: its second start, on the new worker.
    expect(retried?.attempt).toBeGreaterThanOrEqual(2);
    expect(retried?.pid).toBe(successor.pid);
  }, 240_000);

  it('exits within its deadline on SIGTERM mid-replication, and the replication completes on another worker', async () => {
    env = await FaultEnv.create('sigterm-worker');
    // A shorter deadline here: the hand-back comes at 40 % of it (1 s), well before a long
    // replication caught in its first quarter would finish by itself (seconds more).
    const deadlineMs = 2500;
    const stopping = { SHUTDOWN_DEADLINE_MS: String(deadlineMs) };
    const [api, first, second] = await Promise.all([
      env.startApi(),
      env.startWorker(stopping),
      env.startWorker(stopping),
    ]);
    const id = await postRun(api.url, { scenario: LONG_FAULT_SCENARIO });
    const { worker: stopped, index } = await waitForReplicationMidway(api.url, [first, second], id, {
      belowPercent: 25,
    });
    const other = stopped === first ? second : first;

    const exit = await signalAndWait(stopped.child, 'SIGTERM');
    expect(exit.elapsedMs).toBeLessThan(deadlineMs + EXIT_MARGIN_MS);
    expect(exit.code).toBe(0); // a graceful stop, not the deadline's hard exit
    // It gave the job back (rather than finishing it or letting its lock run out).
    const said = stopped.lines.filter((l) => l.runId === id && l.replication === index).map((l) => l.msg);
    expect(said).toEqual([
      'replication started',
      'replication handed back to the queue (worker shutting down)',
    ]);

    const run = await waitForEnd(api.url, id);
    expect(run.state).toBe('completed');
    const result = await getResult(api.url, id);
    expect(withoutExecution(result)).toEqual(longReference);
    expect(result.execution.replications.find((r) => r.replication === index)?.pid).toBe(other.pid);
  }, 240_000);

  it('exits within its deadline on SIGTERM while Redis is unreachable, and the run completes once Redis is back', async () => {
    env = await FaultEnv.create('sigterm-no-redis');
    const api = await env.startApi();
    const stopped = await env.startWorker();
    const id = await postRun(api.url, { scenario: FAULT_SCENARIO });
    const { index } = await waitForReplicationMidway(api.url, stopped, id);

    await env.killRedis();
    const exit = await signalAndWait(stopped.child, 'SIGTERM');
    expect(exit.elapsedMs).toBeLessThan(SHUTDOWN_DEADLINE_MS + EXIT_MARGIN_MS);
    expect(exit.signal).toBeNull(); // it exited by itself (graceful or by its deadline), it was not killed

    await env.restartRedis();
    const other: ServiceProcess = await env.startWorker();
    const run = await waitForEnd(api.url, id);
    expect(run.state).toBe('completed');
    const result = await getResult(api.url, id);
    expect(withoutExecution(result)).toEqual(reference);
    expect(result.execution.replications.find((r) => r.replication === index)?.pid).toBe(other.pid);
  }, 240_000);
});
