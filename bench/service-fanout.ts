// Many socket.io clients watching one run (the second half of `npm run bench:service`): each is
// the typed client of libs/contracts on its own connection. Two delays are measured per client
// and progress report:
//   - worker → client: a worker folds days into Redis and announces the run on the live channel;
//     this process hears the announcement too, reads how far each replication got, and times
//     how long until each client holds an event that shows that day;
//   - api → client: an event's `at` (when the api sent it) to its arrival.
import { io, type Socket } from 'socket.io-client';
import type { Redis } from 'ioredis';
import {
  RUN_EVENT_NAMES,
  createRunClient,
  type Ack,
  type ClientToServerEvents,
  type LiveRunState,
  type RunEndEvent,
  type RunProgressEvent,
  type RunSnapshot,
  type RunWatch,
  type ServerToClientEvents,
} from '@caretwin/contracts';
import { decodeReplicationState, liveChannel, liveKeys } from '../libs/runner/src/live';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** When this process heard that replication `index` had reached `day` (a worker's report). */
interface WorkerReport {
  day: number;
  at: number;
}

export class WorkerReports {
  readonly byReplication = new Map<number, WorkerReport[]>();
  private readonly lastDay = new Map<number, number>();
  private reading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly subscriber: Redis,
    private readonly reader: Redis,
    private readonly prefix: string,
    private readonly runId: string,
  ) {}

  /** Listens to the deployment's live channel with two clients of its Redis (one subscribes, one reads). */
  static async listen(
    subscriber: Redis,
    reader: Redis,
    prefix: string,
    runId: string,
  ): Promise<WorkerReports> {
    const reports = new WorkerReports(subscriber, reader, prefix, runId);
    subscriber.on('message', (_channel: string, message: string) => {
      if (message !== runId) return;
      const at = Date.now();
      reports.reading = reports.reading.then(() => reports.read(at)).catch(() => undefined);
    });
    await subscriber.subscribe(liveChannel(prefix));
    return reports;
  }

  private async read(at: number): Promise<void> {
    const states = await this.reader.hgetall(liveKeys(this.prefix, this.runId).reps);
    for (const [field, text] of Object.entries(states)) {
      const { index, day } = decodeReplicationState(Number(field), text);
      if (day <= (this.lastDay.get(index) ?? 0)) continue;
      this.lastDay.set(index, day);
      const list = this.byReplication.get(index) ?? [];
      list.push({ day, at });
      this.byReplication.set(index, list);
    }
  }

  async close(): Promise<void> {
    await this.subscriber.unsubscribe().catch(() => undefined);
    this.subscriber.disconnect();
    this.reader.disconnect();
  }
}

/** A progress event as one client got it: when, and how far each replication it names had got. */
interface Arrival {
  at: number;
  days: Array<[replication: number, day: number]>;
}

export interface Watcher {
  socket: ClientSocket;
  /** true: the typed client of libs/contracts (band merged); false: sequence numbers and state only */
  full: boolean;
  arrivals: Arrival[];
  /** JSON size of every progress event */
  bytes: number[];
  /** api send (`at`) → arrival, ms */
  apiDelays: number[];
  /** seq of every snapshot or event applied, in order */
  applied: number[];
  /** messages dropped as not newer than what was applied */
  stale: number;
  completed: boolean;
  /** the typed client's state (full watchers only) */
  state(): LiveRunState | undefined;
  subscribed(): boolean;
  stop(): void;
}

/**
 * Opens one client on `url` watching `runId`. A full watcher is the typed client a dashboard
 * uses, merging every band point; a light one keeps what proves delivery — the newest seq
 * applied, the state, the completion — and drops what is not newer, as the typed client does.
 * Merging the band is each browser's own work: two hundred merges in this one process would
 * measure this process's CPU, not the service.
 */
export function watchRun(url: string, runId: string, full: boolean): Watcher {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  let seq = -1;
  let watch: RunWatch | undefined;
  const watcher: Watcher = {
    socket,
    full,
    arrivals: [],
    bytes: [],
    apiDelays: [],
    applied: [],
    stale: 0,
    completed: false,
    state: () => watch?.state,
    subscribed: () => seq >= 0,
    stop: () => {
      watch?.stop();
      socket.close();
    },
  };
  // Timed on arrival, before any merge.
  socket.on('run.progress', (event: RunProgressEvent) => {
    const now = Date.now();
    watcher.apiDelays.push(now - event.at);
    watcher.arrivals.push({ at: now, days: event.replications.map((r) => [r.index, r.day]) });
    if (full) watcher.bytes.push(JSON.stringify(event).length);
  });
  const take = (next: number, state: string): void => {
    if (next <= seq) {
      watcher.stale++;
      return;
    }
    seq = next;
    watcher.applied.push(next);
    if (state === 'completed') watcher.completed = true;
  };
  if (full) {
    watch = createRunClient(socket).watch(runId, {
      retryMs: 250,
      onChange: (state) => take(state.seq, state.state),
    });
    return watcher;
  }
  const subscribe = (): void => {
    socket.emit('run.subscribe', { runId }, (reply: Ack<RunSnapshot>) => {
      if ('data' in reply) take(reply.data.seq, reply.data.state);
      else setTimeout(subscribe, 250); // LIVE_UNAVAILABLE: again shortly
    });
  };
  socket.on('connect', subscribe);
  for (const name of RUN_EVENT_NAMES)
    socket.on(name, (event: RunProgressEvent | RunEndEvent) => {
      if (seq >= 0 && event.runId === runId) take(event.seq, event.state);
    });
  return watcher;
}

/**
 * Worker → client delays of one client: for every worker report (replication r reached day d,
 * heard at t), the first event this client got that shows r at day d or later, minus t. An event
 * can overtake the announcement it answers (the api read a fold this process had not heard of
 * yet): that delay counts as 0.
 */
export function workerDelays(reports: WorkerReports, watcher: Watcher): number[] {
  const delays: number[] = [];
  for (const [replication, list] of reports.byReplication) {
    let e = 0;
    for (const report of list) {
      while (
        e < watcher.arrivals.length &&
        !watcher.arrivals[e].days.some(([r, d]) => r === replication && d >= report.day)
      )
        e++;
      if (e === watcher.arrivals.length) break; // never shown (e.g. the last days, shown as done)
      delays.push(Math.max(0, watcher.arrivals[e].at - report.at));
    }
  }
  return delays;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
