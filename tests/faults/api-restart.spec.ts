// The api killed with SIGKILL while a planner watches a run live (issue 9, fault 3). Api and
// worker are separate processes: the worker keeps computing and publishing through Redis; the
// api comes back on the same port, and the socket.io client (the typed client of
// libs/contracts) reconnects, re-subscribes, takes the snapshot and then the completion.
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRunClient,
  type ClientToServerEvents,
  type LiveRunState,
  type Outcome,
  type ServerToClientEvents,
} from '@caretwin/contracts';
import { freePort } from '../../scripts/private-redis.mjs';
import { FaultEnv } from './harness/fault-env';
import { FAULT_SCENARIO } from './harness/reference';
import { getRun, postRun, waitUntil } from './harness/runs';
import { exitOf } from './harness/signals';

interface Message {
  cause: string;
  seq: number;
  outcome: Outcome;
  /** before or after the api was killed */
  phase: 'before' | 'after';
}

/**
 * Six replications on one worker thread. The run must outlast the api's restart so that the
 * completion comes as an event after the reconnect: the test pauses the worker (SIGSTOP) while
 * the api is down and lets it go on (SIGCONT) once the client holds its new snapshot — a fast
 * worker beside a slow api start once finished the run unseen (CI, stop 22). The worker's lock
 * is long enough that the pause never makes its job look stalled. (No result is compared here,
 * so no reference is needed for the extra replications.)
 */
const SCENARIO = { ...FAULT_SCENARIO, replications: 6 };

describe('the api killed with SIGKILL while a client watches a run', () => {
  let env: FaultEnv | undefined;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

  afterEach(async () => {
    socket?.close();
    socket = undefined;
    await env?.cleanup();
    env = undefined;
  }, 60_000);

  it('lets a reconnecting client catch up from the snapshot and receive the completion, applying no event twice', async () => {
    env = await FaultEnv.create('api-kill');
    const port = String(await freePort()); // the same port after the restart: the client reconnects to it
    const [api, worker] = await Promise.all([
      env.startApi({ PORT: port }),
      env.startWorker({ WORKER_LOCK_DURATION_MS: '120000' }),
    ]);
    const id = await postRun(api.url, { scenario: SCENARIO });

    let phase: Message['phase'] = 'before';
    const messages: Message[] = [];
    const applied: Array<{ cause: string; seq: number; phase: Message['phase']; percent: number }> = [];
    socket = io(api.url, { transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000 });
    let latest: LiveRunState | undefined;
    createRunClient(socket).watch(id, {
      retryMs: 250,
      onMessage: (cause, seq, outcome) => messages.push({ cause, seq, outcome, phase }),
      onChange: (state, cause) => {
        latest = state;
        applied.push({ cause, seq: state.seq, phase, percent: state.percent });
      },
    });

    // Watching, with progress applied, before the api dies.
    await waitUntil('the client to apply live progress', () =>
      applied.some((a) => a.cause === 'run.progress') && latest?.state === 'running' ? true : undefined,
    );
    const before = { seq: latest?.seq ?? 0, percent: latest?.percent ?? 0 };
    api.child.kill('SIGKILL');
    await exitOf(api.child);
    phase = 'after';
    const connected = socket;
    await waitUntil('the client to notice the api is gone', () => (connected.connected ? undefined : true));

    // The worker computed on while the api was gone; now it pauses until the client has caught up
    // from the new api (whose snapshot takes the next seq from Redis).
    worker.child.kill('SIGSTOP');
    let paused = true;
    try {
      const again = await env.startApi({ PORT: port });
      expect(again.url).toBe(api.url);
      await waitUntil('the client to take a snapshot from the new api', () =>
        applied.some((a) => a.phase === 'after') ? true : undefined,
      );
      worker.child.kill('SIGCONT');
      paused = false;
    } finally {
      if (paused) worker.child.kill('SIGCONT');
    }
    const end = await waitUntil(
      'the client to see the run end',
      () => (latest && latest.state !== 'running' && latest.state !== 'queued' ? latest : undefined),
      180_000,
    );
    expect(end.state).toBe('completed');
    expect(end.percent).toBe(100);
    expect(end.replications.map((r) => [r.index, r.done])).toEqual(
      Array.from({ length: SCENARIO.replications }, (_, i) => [i, true]),
    );

    // After the restart: a snapshot newer than anything seen before (the sequence lives in
    // Redis), at least as far along, then the completion event.
    const after = applied.filter((a) => a.phase === 'after');
    expect(after[0]?.cause).toBe('snapshot');
    expect(after[0].seq).toBeGreaterThan(before.seq);
    expect(after[0].percent).toBeGreaterThanOrEqual(before.percent);
    expect(after.filter((a) => a.cause === 'run.completed')).toHaveLength(1);

    // Nothing applied twice: applied sequence numbers strictly increase, and every message
    // that was not applied was dropped for a reason the client states (stale, finished).
    const seqs = applied.map((a) => a.seq);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
    expect(messages.filter((m) => m.outcome === 'applied')).toHaveLength(applied.length);
    expect(messages.every((m) => ['applied', 'stale', 'finished', 'no-snapshot'].includes(m.outcome))).toBe(
      true,
    );

    const run = await getRun(api.url, id);
    expect(run.state).toBe('completed');
  }, 240_000);
});
