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
import type {
  ClientToServerEvents,
  RunEventName,
  RunSocket,
  ServerToClientEvents,
} from '@caretwin/contracts';

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
  /** bytes of the `run.progress` packets among them (the deltas) */
  progressBytes: number[];
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

/**
 * The socket as the typed client sees it, except that the `lose`-th `run.progress` (1-based) is
 * never handed to it: a message lost on the way, as a proxy or a dropped packet would lose it.
 */
function losing(socket: LiveSocket, lose: number): RunSocket {
  let count = 0;
  const wrapped = new Map<unknown, unknown>();
  return {
    get connected() {
      return socket.connected;
    },
    on(event: string, listener: (...args: never[]) => void) {
      if (event !== 'run.progress') return socket.on(event as 'connect', listener as () => void);
      const filter = (...args: never[]): void => {
        if (++count !== lose) listener(...args);
      };
      wrapped.set(listener, filter);
      return socket.on('run.progress', filter as ServerToClientEvents['run.progress']);
    },
    off(event: string, listener: (...args: never[]) => void) {
      const filter = (wrapped.get(listener) ?? listener) as () => void;
      return socket.off(event as 'connect', filter);
    },
    emit: ((event: 'run.subscribe', ...args: [{ runId: string }, () => void]) =>
      socket.emit(event, ...args)) as RunSocket['emit'],
  } as RunSocket;
}

/** `loseProgress`: the n-th progress event never reaches the typed client (a gap it must repair). */
export function watchRun(url: string, runId: string, options: { loseProgress?: number } = {}): Watcher {
  const socket = connectSocket(url);
  const received: Received[] = [];
  const snapshots: Watcher['snapshots'] = [];
  const sentAt: number[] = [];
  const packetBytes: number[] = [];
  const progressBytes: number[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();

  // A new engine per (re)connection: count the packets of each.
  socket.io.on('open', () =>
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message' || typeof packet.data !== 'string') return;
      const bytes = Buffer.byteLength(packet.data, 'utf8');
      packetBytes.push(bytes);
      if (packet.data.startsWith('2["run.progress"')) progressBytes.push(bytes);
    }),
  );

  const seen = options.loseProgress ? losing(socket, options.loseProgress) : socket;
  const watch = createRunClient(seen).watch(runId, {
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
    progressBytes,
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
