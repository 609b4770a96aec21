// A process of socket.io clients for the fan-out part of `npm run bench:service`, started by the
// benchmark with `fork` (IPC) so the clients never share an event loop with the service or with
// the process that times the workers. Each client opens its own connection and watches one run:
// a few are the typed client of libs/contracts (merging every band delta; they must end alike),
// the others keep what proves delivery — the newest seq applied, the state, the completion —
// and, as the typed client does, drop what is not newer and subscribe again on a gap. Merging
// the band is each browser's own work: a thousand merges in these processes would time them,
// not the service.
//
// argv: url runId clients fullClients. Messages to the parent: {type: 'subscribed'} once every
// client holds a snapshot, {type: 'result', ...} when asked with {type: 'finish'}.
import { io, type Socket } from 'socket.io-client';
import {
  RUN_EVENT_NAMES,
  createRunClient,
  type Ack,
  type ClientToServerEvents,
  type RunEndEvent,
  type RunProgressEvent,
  type RunSnapshot,
  type RunWatch,
  type ServerToClientEvents,
} from '@caretwin/contracts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What one client saw, as sent to the parent. */
export interface ClientRecord {
  full: boolean;
  /** [seq, arrival ms] of every run.progress, in arrival order */
  arrivals: Array<[number, number]>;
  /** arrival − the api's `at`, ms, of every run.progress */
  apiDelays: number[];
  /** seq of every snapshot or event applied, in order */
  applied: number[];
  stale: number;
  gaps: number;
  snapshots: number;
  completed: boolean;
  /** the typed client's final state without `at` (full clients only) */
  finalState?: string;
}

export interface ClientsResult {
  type: 'result';
  clients: ClientRecord[];
  /** seq → [[replication, day], …] of every progress event the first client got */
  events: Array<[number, Array<[number, number]>]>;
  /** bytes of every run.progress frame the first client got, and of its snapshot frames */
  progressBytes: number[];
  snapshotBytes: number[];
}

const [url, runId, countText, fullText] = process.argv.slice(2);
const count = Number(countText);
const fullCount = Number(fullText);

interface Client {
  socket: ClientSocket;
  record: ClientRecord;
  subscribed: () => boolean;
  watch?: RunWatch;
}

const events = new Map<number, Array<[number, number]>>();
const progressBytes: number[] = [];
const snapshotBytes: number[] = [];

function open(i: number): Client {
  const full = i < fullCount;
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const record: ClientRecord = {
    full,
    arrivals: [],
    apiDelays: [],
    applied: [],
    stale: 0,
    gaps: 0,
    snapshots: 0,
    completed: false,
  };
  if (i === 0)
    socket.io.on('open', () =>
      socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
        if (packet.type !== 'message' || typeof packet.data !== 'string') return;
        const bytes = Buffer.byteLength(packet.data, 'utf8');
        if (packet.data.startsWith('2["run.progress"')) progressBytes.push(bytes);
        else if (packet.data.startsWith('3')) snapshotBytes.push(bytes);
      }),
    );
  // Timed on arrival, before any merge.
  socket.on('run.progress', (event: RunProgressEvent) => {
    const now = Date.now();
    record.arrivals.push([event.seq, now]);
    record.apiDelays.push(now - event.at);
    if (i === 0)
      events.set(
        event.seq,
        event.replications.map((r) => [r.index, r.day]),
      );
  });
  let seq = -1;
  const take = (next: number, state: string): void => {
    seq = next;
    record.applied.push(next);
    if (state === 'completed') record.completed = true;
  };
  if (full) {
    const watch = createRunClient(socket).watch(runId, {
      retryMs: 250,
      onMessage: (cause, _seq, outcome) => {
        if (outcome === 'stale') record.stale++;
        if (outcome === 'gap') record.gaps++;
        if (cause === 'snapshot' && outcome === 'applied') record.snapshots++;
      },
      onChange: (state) => take(state.seq, state.state),
    });
    return { socket, record, subscribed: () => watch.state !== undefined, watch };
  }
  let asking = false;
  const subscribe = (): void => {
    asking = true;
    socket.emit('run.subscribe', { runId }, (reply: Ack<RunSnapshot>) => {
      asking = false;
      if (!('data' in reply)) return void setTimeout(subscribe, 250); // LIVE_UNAVAILABLE: again shortly
      record.snapshots++;
      if (reply.data.seq > seq) take(reply.data.seq, reply.data.state);
      else record.stale++;
    });
  };
  socket.on('connect', subscribe);
  for (const name of RUN_EVENT_NAMES)
    socket.on(name, (event: RunProgressEvent | RunEndEvent) => {
      if (seq < 0 || event.runId !== runId) return;
      if (event.seq <= seq) record.stale++;
      else if (event.prev > seq) {
        record.gaps++;
        if (!asking) subscribe();
      } else take(event.seq, event.state);
    });
  return { socket, record, subscribed: () => seq >= 0 };
}

const clients: Client[] = [];
// Opened a few at a time: a thousand handshakes at once would measure the accept queue.
async function openAll(): Promise<void> {
  for (let i = 0; i < count; i++) {
    clients.push(open(i));
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
  }
  const ready = setInterval(() => {
    if (clients.every((c) => c.subscribed())) {
      clearInterval(ready);
      process.send?.({ type: 'subscribed' });
    }
  }, 50);
}

process.on('message', (message: { type: string }) => {
  if (message.type !== 'finish') return;
  const result: ClientsResult = {
    type: 'result',
    clients: clients.map((c) => ({
      ...c.record,
      ...(c.watch ? { finalState: JSON.stringify({ ...c.watch.state, at: 0, bandStride: 0 }) } : {}),
    })),
    events: [...events.entries()],
    progressBytes,
    snapshotBytes,
  };
  for (const c of clients) {
    c.watch?.stop();
    c.socket.close();
  }
  process.send?.(result, () => process.exit(0));
});

void openAll();
