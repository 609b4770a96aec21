// `npm start` killed outright (issue 9, fault 2): the whole process group gets SIGKILL in the
// middle of a run — no shutdown hook runs — and is started again on the same data dir.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultEnv } from './harness/fault-env';
import { startEmbedded } from './harness/npm-start';
import { FAULT_SCENARIO, referenceResult, withoutExecution, type Comparable } from './harness/reference';
import { getResult, postRun, waitForEnd, waitForReplicationMidway } from './harness/runs';
import { killGroup } from './harness/signals';

describe('npm start killed with SIGKILL during a run', () => {
  let reference: Comparable;
  let env: FaultEnv | undefined;

  beforeAll(async () => {
    reference = await referenceResult(FAULT_SCENARIO);
  }, 180_000);

  afterEach(async () => {
    await env?.cleanup();
    env = undefined;
  }, 60_000);

  it('completes the run with exactly the undisturbed result once started again on the same data dir', async () => {
    env = await FaultEnv.create('npm-start');
    const first = env.track(await startEmbedded({ dataDir: env.dataDir, redisUrl: env.redisUrl }));
    const id = await postRun(first.url, { scenario: FAULT_SCENARIO });
    const { index } = await waitForReplicationMidway(first.url, first, id);

    const exit = await killGroup(first.child);
    expect(exit.signal).toBe('SIGKILL');

    const again = env.track(await startEmbedded({ dataDir: env.dataDir, redisUrl: env.redisUrl }));
    expect(again.prefix).toBe(first.prefix); // derived from the data dir: the same queue
    const run = await waitForEnd(again.url, id);
    expect(run.state).toBe('completed');
    expect(run.history.map((h) => h.state)).toEqual(['queued', 'running', 'completed']);

    const result = await getResult(again.url, id);
    expect(withoutExecution(result)).toEqual(reference);
    // The replication that was running when the group died ran again in the new process.
    const rerun = result.execution.replications.find((r) => r.replication === index);
    expect(rerun?.pid).toBe(again.pid);
    expect(rerun?.attempt).toBeGreaterThanOrEqual(2);
  }, 240_000);
});
