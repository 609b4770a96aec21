// Many socket.io clients watching one run (the second half of `npm run bench:service`): each is
// the typed client of libs/contracts on its own connection. Two delays are measured per client
// and progress report:
//   - worker → client: a worker folds days into Redis and announces the run on the live channel;
//     this process hears the announcement too, reads how far each replication got, and times
//     how long until each client holds an event that shows that day;
//   - api → client: an event's `at` (when the api sent it) to its arrival.
import { io, type Socket } from 'socket.io-client';
import type { Redis } from 'ioredis';
import { createRunClient, type ClientToServerEvents, type LiveRunState, type RunProgressEvent, type RunWatch, type ServerToClientEvents } from '@caretwin/contracts';
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
  static async listen(subscriber: Redis, reader: Redis, prefix: string, runId: string): Promise<WorkerReports> {
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
  watch: RunWatch;
  arrivals: Arrival[];
  /** api send (`at`) → arrival, ms */
  apiDelays: number[];
  /** seq of every snapshot or event applied, in order */
  applied: number[];
  completed: boolean;
  state(): LiveRunState | undefined;
}

/** Opens one client on `url` watching `runId`. */
export function watchRun(url: string, runId: string): Watcher {
  const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 1000 });
  const watcher: Watcher = {
    socket,
    arrivals: [],
    apiDelays: [],
    applied: [],
    completed: false,
    watch: undefined as unknown as RunWatch,
    state: () => watcher.watch.state,
  };
  // Timed on arrival, before the typed client merges it (its merge is the client's own work).
  socket.on('run.progress', (event: RunProgressEvent) => {
    const now = Date.now();
    watcher.apiDelays.push(now - event.at);
    watcher.arrivals.push({ at: now, days: event.replications.map((r) => [r.index, r.day]) });
  });
  watcher.watch = createRunClient(socket).watch(runId, {
    retryMs: 250,
    onChange: (state) => {
      watcher.applied.push(state.seq);
      if (state.state === 'completed') watcher.completed = true;
    },
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
      while (e < watcher.arrivals.length && !watcher.arrivals[e].days.some(([r, d]) => r === replication && d >= report.day)) e++;
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
