// A stand-in for the api's socket.io gateway inside the browser test (Playwright's
// routeWebSocket answers the page's WebSocket itself), replaying a synthetic live run at a fixed
// rate: 10 replications advancing over every area × function, each event carrying the band
// points that changed (by column, building on the event before it), as the real fan-out does
// (libs/contracts socket.ts). It measures the live
// view's drawing alone, at exactly the rate the api allows (10 events/s), with no simulation
// competing for the same two cores.
import type { WebSocketRoute } from 'playwright-core';
import {
  BED_FUNCTIONS,
  bandColumns,
  type BandPoint,
  type BandSeries,
  type BedFunction,
  type ReplicationProgress,
  type RunProgressEvent,
  type RunSnapshot,
} from '@caretwin/contracts';

export interface ReplayOptions {
  runId: string;
  areas: string[];
  replications: number;
  warmupDays: number;
  totalDays: number;
  /** events to send (at `intervalMs` apart) */
  events: number;
  intervalMs: number;
}

/** Days each replication has reached after event k: staggered starts, all done by the last event. */
function reached(k: number, options: ReplayOptions): number[] {
  const { replications, totalDays, events } = options;
  return Array.from({ length: replications }, (_, r) => {
    const start = (r / replications) * events * 0.4; // later replications start later (two at a time in reality)
    const share = (k + 1 - start) / (events - start);
    return Math.max(0, Math.min(totalDays, Math.round(share * totalDays)));
  });
}

/** A deterministic, smooth utilisation per series, replication and day (no randomness needed). */
function inUse(series: number, replication: number, day: number, capacity: number): number {
  const base = 0.7 + 0.05 * Math.sin(series) + 0.08 * Math.sin(day / 30 + series);
  return Math.round(capacity * (base + 0.02 * Math.sin(replication * 7.1 + day / 3)));
}

export class LiveReplay {
  private readonly capacities: number[];
  private readonly series: Array<{ area: string; function: BedFunction }>;
  private seq = 0;
  private last: number[];
  private timer: ReturnType<typeof setInterval> | undefined;
  /** ms timestamps (Date.now) of the events sent */
  readonly sent: number[] = [];
  done: Promise<void>;
  private finish: () => void = () => undefined;

  constructor(private readonly options: ReplayOptions) {
    this.series = options.areas.flatMap((area) => BED_FUNCTIONS.map((fn) => ({ area, function: fn })));
    this.capacities = this.series.map((_, i) => 200 + 150 * (i % 7));
    this.last = Array.from({ length: options.replications }, () => 0);
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  private point(s: number, day: number, days: number[]): BandPoint | null {
    const values = days.flatMap((d, r) => (d >= day ? [inUse(s, r, day, this.capacities[s])] : []));
    if (values.length === 0) return null;
    return {
      day,
      n: values.length,
      mean: values.reduce((a, b) => a + b, 0) / values.length,
      min: Math.min(...values),
      max: Math.max(...values),
      capacity: this.capacities[s],
    };
  }

  /** Band points of the days some replication reached since `before`. */
  private band(before: number[], now: number[]): BandSeries[] {
    const changed = new Set<number>();
    now.forEach((d, r) => {
      for (let day = before[r] + 1; day <= d; day++) changed.add(day);
    });
    const days = [...changed].sort((a, b) => a - b);
    return this.series.map((s, i) => ({
      area: s.area,
      function: s.function,
      points: days.flatMap((day) => this.point(i, day, now) ?? []),
    }));
  }

  private progress(days: number[]): ReplicationProgress[] {
    return days.map((day, index) => ({
      index,
      day,
      totalDays: this.options.totalDays,
      done: day >= this.options.totalDays,
    }));
  }

  private event(days: number[], before: number[]): RunProgressEvent {
    const total = this.options.replications * this.options.totalDays;
    const sum = days.reduce((a, b) => a + b, 0);
    const after = Math.max(0, Math.min(...days) - this.options.warmupDays);
    const prev = this.seq;
    return {
      runId: this.options.runId,
      seq: ++this.seq,
      prev,
      state: 'running',
      percent: Math.min(99, (100 * sum) / total),
      replications: this.progress(days).filter((p, i) => days[i] !== before[i]),
      counters: {
        admissions: after * 750,
        refusals: after * 190,
        difficultTransports: after * 6,
        overflow: after * 2,
        leftRegion: 0,
      },
      band: bandColumns(this.band(before, days)),
      at: Date.now(),
    };
  }

  snapshot(): RunSnapshot {
    const start = this.last.map(() => 0);
    return {
      ...this.event(start, start),
      state: 'running',
      complete: true,
      bandStride: 1,
      warmupDays: this.options.warmupDays,
      totalDays: this.options.totalDays,
      replications: this.progress(start),
    };
  }

  /** Answers the page's socket.io WebSocket as the gateway would, then replays the run. */
  attach(ws: WebSocketRoute): void {
    ws.send(
      `0${JSON.stringify({ sid: 'replay', upgrades: [], pingInterval: 25_000, pingTimeout: 60_000, maxPayload: 1_000_000 })}`,
    ); // engine.io open
    ws.onMessage((message) => {
      const text = String(message);
      if (text.startsWith('40')) return ws.send('40{"sid":"replay-socket"}');
      const emit = /^42(\d*)(\[.*\])$/s.exec(text);
      if (!emit) return;
      const [name] = JSON.parse(emit[2]) as [string, unknown];
      if (name === 'run.subscribe') {
        ws.send(`43${emit[1]}${JSON.stringify([{ data: this.snapshot() }])}`);
        this.start(ws);
      } else if (name === 'run.unsubscribe') {
        this.stop();
        ws.send(`43${emit[1]}${JSON.stringify([{ data: { runId: this.options.runId } }])}`);
      }
    });
  }

  private start(ws: WebSocketRoute): void {
    if (this.timer) return;
    let k = 0;
    this.timer = setInterval(() => {
      const days = reached(k, this.options);
      const event = this.event(days, this.last);
      this.last = days;
      ws.send(`42${JSON.stringify(['run.progress', event])}`);
      this.sent.push(event.at);
      k++;
      if (k >= this.options.events) this.stop();
    }, this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.finish();
  }
}
