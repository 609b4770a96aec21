// A typed client for live runs over any socket.io client socket (browser or Node): subscribes
// on every (re)connect, applies the snapshot from the acknowledgement, then the run events (deltas),
// each only when its seq is newer (live-run.ts); an event that builds on a seq it does not hold
// (a gap: one was missed) makes it subscribe again, and the snapshot catches it up. Contracts import no socket library: `RunSocket` is
// the part of socket.io-client's `Socket<ServerToClientEvents, ClientToServerEvents>` it uses.
// With AUTH_MODE=tokens the socket is opened with the token in its handshake,
// `io(url, { auth: socketAuth(token) })`; a refused handshake is the socket's
// `connect_error` with `err.data.code` UNAUTHORIZED or FORBIDDEN, and a reporter's subscribe is
// answered `{error: {code: 'FORBIDDEN'}}` (onError).
import { applyEvent, applySnapshot, type LiveRunState, type Outcome, type RunEventMessage } from './live-run';
import type { Ack, ClientToServerEvents, RunEventName, RunSnapshot, ServerToClientEvents } from './socket';
import { RUN_EVENT_NAMES } from './socket';

export interface RunSocket {
  readonly connected: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on<E extends RunEventName>(event: E, listener: ServerToClientEvents[E]): unknown;
  off(event: 'connect', listener: () => void): unknown;
  off<E extends RunEventName>(event: E, listener: ServerToClientEvents[E]): unknown;
  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): unknown;
}

export type AckError = Extract<Ack<unknown>, { error: unknown }>['error'];

/** The socket.io handshake's auth for a token (AUTH_MODE=tokens); {} without one (AUTH_MODE=open). */
export const socketAuth = (token: string | null | undefined): { token?: string } => (token ? { token } : {});

export interface WatchHandlers {
  /** the state after a snapshot or event was applied */
  onChange?(state: LiveRunState, cause: 'snapshot' | RunEventName): void;
  /** every message, applied or not (tests count them; dashboards may ignore it) */
  onMessage?(cause: 'snapshot' | RunEventName, seq: number, outcome: Outcome): void;
  /** a subscribe the api refused (NOT_FOUND, REQUEST_INVALID, ...) */
  onError?(error: AckError): void;
  /** wait before subscribing again after LIVE_UNAVAILABLE (default 2000 ms) */
  retryMs?: number;
}

export interface RunWatch {
  readonly runId: string;
  /** undefined until the first snapshot arrived */
  readonly state: LiveRunState | undefined;
  /** stops listening and tells the api */
  stop(): void;
}

export interface RunClient {
  watch(runId: string, handlers?: WatchHandlers): RunWatch;
}

export function createRunClient(socket: RunSocket): RunClient {
  return { watch: (runId, handlers = {}) => watchRun(socket, runId, handlers) };
}

export function watchRun(socket: RunSocket, runId: string, handlers: WatchHandlers = {}): RunWatch {
  let state: LiveRunState | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** a subscribe is on its way: a gap does not ask again before its snapshot is in */
  let asking = false;

  const onAck = (reply: Ack<RunSnapshot>): void => {
    asking = false;
    if (stopped) return;
    if ('error' in reply) {
      handlers.onError?.(reply.error);
      if (reply.error.code === 'LIVE_UNAVAILABLE' && socket.connected) {
        clearTimeout(retry);
        retry = setTimeout(subscribe, handlers.retryMs ?? 2000);
      }
      return;
    }
    const applied = applySnapshot(state, reply.data);
    handlers.onMessage?.('snapshot', reply.data.seq, applied.outcome);
    if (applied.outcome !== 'applied' || !applied.state) return;
    state = applied.state;
    handlers.onChange?.(state, 'snapshot');
  };

  const subscribe = (): void => {
    if (stopped) return;
    asking = true;
    socket.emit('run.subscribe', { runId }, onAck);
  };

  // Events before the first snapshot are dropped: the snapshot that follows contains them.
  const onEvent = (message: RunEventMessage): void => {
    if (stopped || message.event.runId !== runId) return;
    if (!state) {
      handlers.onMessage?.(message.name, message.event.seq, 'no-snapshot');
      return;
    }
    const applied = applyEvent(state, message);
    handlers.onMessage?.(message.name, message.event.seq, applied.outcome);
    // A missed delta: the snapshot of a new subscribe holds it (the api answers it in order).
    if (applied.outcome === 'gap' && !asking && socket.connected) subscribe();
    if (applied.outcome !== 'applied') return;
    state = applied.state;
    handlers.onChange?.(state, message.name);
  };

  const listeners = {
    'run.progress': (event) => onEvent({ name: 'run.progress', event }),
    'run.completed': (event) => onEvent({ name: 'run.completed', event }),
    'run.failed': (event) => onEvent({ name: 'run.failed', event }),
    'run.cancelled': (event) => onEvent({ name: 'run.cancelled', event }),
  } satisfies ServerToClientEvents;

  socket.on('connect', subscribe);
  for (const name of RUN_EVENT_NAMES) socket.on(name, listeners[name]);
  if (socket.connected) subscribe();

  return {
    runId,
    get state() {
      return state;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(retry);
      socket.off('connect', subscribe);
      for (const name of RUN_EVENT_NAMES) socket.off(name, listeners[name]);
      if (socket.connected) socket.emit('run.unsubscribe', { runId }, () => undefined);
    },
  };
}
