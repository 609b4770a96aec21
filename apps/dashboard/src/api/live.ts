// Live runs over socket.io: one socket per page (same origin), shared by every view that
// watches a run. Subscribing, re-subscribing on reconnect and dropping stale events (seq not
// newer) are the contracts' run client; this file only opens the socket and reports whether
// it is connected.
import { io, type Socket } from 'socket.io-client';
import {
  createRunClient,
  type NowClientToServerEvents,
  type NowServerToClientEvents,
  type ClientToServerEvents,
  type RunClient,
  type ServerToClientEvents,
} from '@caretwin/contracts';
import { socketAuth } from './session';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The Now channel (census and forecasts) on the same socket: its own gateway, its own events. */
export type NowSocket = Socket<NowServerToClientEvents, NowClientToServerEvents>;
export type ConnectionListener = (connected: boolean) => void;

export interface LiveConnection {
  client: RunClient;
  /** the same socket, typed for the Now channel (`now.subscribe`, `census.updated`, `forecast.completed`) */
  now: NowSocket;
  readonly connected: boolean;
  onConnection(listener: ConnectionListener): () => void;
}

let shared: LiveConnection | undefined;

export function liveConnection(): LiveConnection {
  if (shared) return shared;
  // WebSocket first: no long-polling requests left hanging when a view closes.
  // the handshake carries the tab's token (AUTH_MODE=tokens), read again on each reconnect
  const socket: LiveSocket = io({
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    auth: socketAuth,
  });
  const listeners = new Set<ConnectionListener>();
  socket.on('connect', () => listeners.forEach((l) => l(true)));
  socket.on('disconnect', () => listeners.forEach((l) => l(false)));
  shared = {
    client: createRunClient(socket),
    now: socket as unknown as NowSocket,
    get connected() {
      return socket.connected;
    },
    onConnection(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return shared;
}
