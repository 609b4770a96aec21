// Many socket.io clients watching one run (the second half of `npm run bench:service`), in
// child processes of their own (service-clients.ts), apart from the service and from this
// process. Two delays are measured per client and progress report:
//   - worker → client: a worker folds days into Redis and announces the run on the live channel;
//     this process hears the announcement too, reads how far each replication got, and times
//     how long until each client holds the first event that shows that day (one machine, one
//     clock: the client processes stamp arrivals with Date.now() as this one stamps reports);
//   - api → client: an event's `at` (when the api sent it) to its arrival.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { decodeReplicationState, liveChannel, liveKeys } from '../libs/runner/src/live';
import type { ClientRecord, ClientsResult } from './service-clients';

const CLIENTS_SCRIPT = join(__dirname, 'service-clients.ts');

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

/** Every client process of one fan-out: forks them, waits for their snapshots, gathers what they saw. */
export class ClientProcesses {
  private readonly children: ChildProcess[] = [];

  private constructor() {}

  /**
   * `clients` socket.io clients over `processes` child processes (as even as can be), the first
   * `fullClients` of them (in the first process) the typed client merging the band.
   */
  static start(
    url: string,
    runId: string,
    clients: number,
    processes: number,
    fullClients: number,
  ): ClientProcesses {
    const all = new ClientProcesses();
    const per = Math.ceil(clients / processes);
    for (let p = 0; p < processes && p * per < clients; p++) {
      const n = Math.min(per, clients - p * per);
      all.children.push(
        fork(CLIENTS_SCRIPT, [url, runId, String(n), String(p === 0 ? fullClients : 0)], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
    }
    return all;
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid as number);
  }

  /** Resolves once every client of every process holds a snapshot. */
  subscribed(timeoutMs: number): Promise<void> {
    return this.each(timeoutMs, 'snapshots', (child, done) =>
      child.on('message', (m: { type: string }) => m.type === 'subscribed' && done(undefined)),
    ).then(() => undefined);
  }

  /** Asks every process for what its clients saw, then they exit. */
  finish(timeoutMs: number): Promise<ClientsResult[]> {
    return this.each<ClientsResult>(timeoutMs, 'results', (child, done) => {
      child.on('message', (m: ClientsResult) => m.type === 'result' && done(m));
      child.send({ type: 'finish' });
    });
  }

  private each<T>(
    timeoutMs: number,
    what: string,
    wire: (child: ChildProcess, done: (value: T) => void) => void,
  ): Promise<T[]> {
    return Promise.all(
      this.children.map(
        (child) =>
          new Promise<T>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`client process ${child.pid}: timed out waiting for ${what}`)),
              timeoutMs,
            );
            child.once('exit', (code) => {
              clearTimeout(timer);
              if (code !== 0) reject(new Error(`client process ${child.pid} exited with ${code}`));
            });
            wire(child, (value) => {
              clearTimeout(timer);
              resolve(value);
            });
          }),
      ),
    );
  }

  stop(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill();
  }
}

/**
 * Worker → client delays: for every worker report (replication r reached day d, heard at t),
 * the first event (by seq) that shows r at day d or later, and for each client that got that
 * event its arrival minus t. An event can overtake the announcement it answers (the api read a
 * fold this process had not heard of yet): that delay counts as 0.
 */
export function workerDelays(
  reports: WorkerReports,
  events: Map<number, Array<[number, number]>>,
  clients: ClientRecord[],
): number[] {
  const bySeq = [...events.entries()].sort((a, b) => a[0] - b[0]);
  const arrivals = clients.map((c) => new Map(c.arrivals));
  const delays: number[] = [];
  for (const [replication, list] of reports.byReplication) {
    let e = 0;
    for (const report of list) {
      while (e < bySeq.length && !bySeq[e][1].some(([r, d]) => r === replication && d >= report.day)) e++;
      if (e === bySeq.length) break; // never shown (e.g. the last days, shown as done)
      const seq = bySeq[e][0];
      for (const got of arrivals) {
        const at = got.get(seq);
        if (at !== undefined) delays.push(Math.max(0, at - report.at));
      }
    }
  }
  return delays;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
