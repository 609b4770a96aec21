// A real socket.io client watching one run through the typed client of libs/contracts, recording
// every message (applied or not), every raw packet size and the state it ends with.
import { io, type Socket } from 'socket.io-client';
import {
  createRunClient,
  isFinished,
  type LiveRunState,
  type Outcome,
  type RunWatch,
} from '@caretwin/contracts';
import type { ClientToServerEvents, RunEventName, ServerToClientEvents } from '@caretwin/contracts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Received {
  cause: 'snapshot' | RunEventName;
  seq: number;
  outcome: Outcome;
  /** arrival time at this client (ms since the epoch) */
  arrivedAt: number;
}

export interface Watcher {
  socket: LiveSocket;
  watch: RunWatch;
  received: Received[];
  /** every snapshot applied, in order (seq, complete, bandStride) */
  snapshots: Array<{ seq: number; complete: boolean; bandStride: number; percent: number }>;
  /** `at` of every run event applied (the api's send time) */
  sentAt: number[];
  /** bytes of every engine.io message packet received (the socket.io frame as sent) */
  packetBytes: number[];
  errors: string[];
  /** resolves with the state once the run has ended */
  finished: Promise<LiveRunState>;
  /** resolves once `until` holds for the state */
  when(until: (state: LiveRunState) => boolean, timeoutMs?: number): Promise<LiveRunState>;
  close(): void;
}

export function connectSocket(url: string): LiveSocket {
  // Quick reconnects: the tests restart the api and expect the client back within seconds.
  return io(url, { transports: ['websocket'], reconnectionDelay: 200, reconnectionDelayMax: 1000 });
}

export function watchRun(url: string, runId: string): Watcher {
  const socket = connectSocket(url);
  const received: Received[] = [];
  const snapshots: Watcher['snapshots'] = [];
  const sentAt: number[] = [];
  const packetBytes: number[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();

  // A new engine per (re)connection: count the packets of each.
  socket.io.on('open', () =>
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message' && typeof packet.data === 'string')
        packetBytes.push(Buffer.byteLength(packet.data, 'utf8'));
    }),
  );

  const watch = createRunClient(socket).watch(runId, {
    retryMs: 250,
    onMessage: (cause, seq, outcome) => received.push({ cause, seq, outcome, arrivedAt: Date.now() }),
    onChange: (state, cause) => {
      if (cause === 'snapshot')
        snapshots.push({
          seq: state.seq,
          complete: state.complete,
          bandStride: state.bandStride,
          percent: state.percent,
        });
      else sentAt.push(state.at);
      for (const wake of waiters) wake();
    },
    onError: (error) => errors.push(`${error.code}: ${error.message}`),
  });

  const when = (until: (state: LiveRunState) => boolean, timeoutMs = 120_000): Promise<LiveRunState> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (watch.state && until(watch.state)) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(watch.state);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `run ${runId}: condition not reached; last state ${JSON.stringify(watch.state && { ...watch.state, band: undefined })}; errors ${errors.join(', ')}`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    socket,
    watch,
    received,
    snapshots,
    sentAt,
    packetBytes,
    errors,
    finished: when(isFinished),
    when,
    close: () => {
      watch.stop();
      socket.close();
    },
  };
}

/** Most messages inside any window of `windowMs` (times ascending or not). */
export function mostInWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** What two clients must agree on at the end: everything but which snapshot each started from. */
export function finalView(state: LiveRunState): Omit<LiveRunState, 'bandStride'> {
  const { bandStride: _stride, ...rest } = state;
  return rest;
}
