// Fans a run's live state out from Redis to the socket.io room of that run; it only reads Redis
// (and the run's row) and emits — persisting progress is the ProgressRecorder's. Workers
// announce "run X has news" (LiveNotices); for a run somebody watches, a pass reads everything a
// message needs in ONE script call (LIVE_READ_LUA: the replications, the band days new past its
// cursor or left over, the next seq) and sends one `run.progress` holding only what changed
// since the previous one (a delta; `prev` names the seq it builds on) — never sooner than
// LIVE_MIN_INTERVAL_MS after the previous message of that run (≤ 10/s whatever the number of
// workers), never larger than LIVE_MAX_MESSAGE_BYTES (band days that do not fit wait for the
// next message). The subscribe acknowledgement holds the full snapshot. When the run ends it
// sends what is left, then the end event. All work on one run is serialised, so a subscriber's
// snapshot and the events after it never interleave. Runs nobody watches cost nothing here.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import {
  FINISHED_STATES,
  type Ack,
  type RunEndEvent,
  type RunProgressEvent,
  type RunSnapshot,
} from '@caretwin/contracts';
import { encodeReplicationState, meanCounters } from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { ServiceMetrics } from '../metrics/service-metrics';
import { LiveStateStore, type LiveReading } from '../queue/live-state.store';
import { RunOutcomes, type RunEnded } from '../runs/run-outcomes';
import { runPercent } from '../runs/run-progress';
import { RunsRepository, type RunSummary } from '../store/runs.repository';
import { LiveNotices } from './live-notices';
import { FRAMING_BYTES, fitProgress, fitSnapshot, jsonBytes } from './live-messages';

/** Where the fan-out sends a run's messages: the socket.io rooms (the gateway implements it). */
export interface LiveSink {
  progress(runId: string, event: RunProgressEvent): void;
  end(runId: string, name: 'run.completed' | 'run.failed' | 'run.cancelled', event: RunEndEvent): void;
  /** clients in the run's room */
  watchers(runId: string): number;
}

/** What the fan-out keeps of one watched run (an entry exists only while somebody watches). */
interface RunFanout {
  /** replication → last band day taken into a message (or into `leftover`) */
  taken: Map<number, number>;
  /** band days taken but not sent yet (they did not fit), ascending */
  leftover: number[];
  /** seq of the last message of the chain: the baseline snapshot, then each event */
  prev: number;
  /** replication → its state as last sent */
  sentReplications: Map<number, string>;
  sentCounters: string;
  lastSentAt: number;
  /** no pass before this (after a failed one: Redis away) */
  retryAt: number;
  /** band bytes per day in the last message (how many days to read for the next) */
  bytesPerDay: number;
  warnedTooWide: boolean;
  timer?: NodeJS.Timeout;
  /** the run has ended: send what is left, then this */
  end?: RunEnded;
  /** progress messages sent since the run ended (bounded by END_FLUSH_MESSAGES) */
  endFlushes: number;
  closed: boolean;
}

/**
 * Once a run has ended, at most this many progress messages carry what is still pending before
 * the end event (a very wide region would otherwise delay the end for long — its full band is
 * in the result).
 */
const END_FLUSH_MESSAGES = 40;
/** After a failed pass (Redis away), the next one waits this long. */
const RETRY_MS = 1000;
/** Band days read for the first message of a run (then as many as fitted last time, and a quarter more). */
const FIRST_READ_DAYS = 256;
/** Most band days one read asks for (the script's HMGET arguments). */
const MOST_READ_DAYS = 2000;

const END_EVENT = { completed: 'run.completed', failed: 'run.failed', cancelled: 'run.cancelled' } as const;

@Injectable()
export class LiveFanout implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly fanouts = new Map<string, RunFanout>();
  /** per-run chain: one operation on a run at a time */
  private readonly chains = new Map<string, Promise<void>>();
  private sink: LiveSink | undefined;
  private readonly stops: Array<() => void> = [];
  private readonly budget: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly runs: RunsRepository,
    private readonly live: LiveStateStore,
    private readonly notices: LiveNotices,
    private readonly outcomes: RunOutcomes,
    private readonly metrics: ServiceMetrics,
  ) {
    this.budget = config.live.maxMessageBytes - FRAMING_BYTES;
  }

  attach(sink: LiveSink): void {
    this.sink = sink;
  }

  onApplicationBootstrap(): void {
    this.stops.push(
      this.notices.onNews((runId) => this.touch(runId)),
      this.outcomes.onEnded((ended) => this.ended(ended)),
    );
  }

  onApplicationShutdown(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const fanout of this.fanouts.values()) clearTimeout(fanout.timer);
  }

  /** Runs `task` after every earlier operation on the run; never rejects. */
  private serial(runId: string, task: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(runId) ?? Promise.resolve()).then(task).catch((error: Error) => {
      this.logger.warn({ runId, err: error.message }, 'live fan-out pass failed');
    });
    this.chains.set(runId, next);
    void next.then(() => {
      if (this.chains.get(runId) === next) this.chains.delete(runId);
    });
    return next;
  }

  /** A worker wrote news of the run: a watched run's pass is scheduled (at once, or when the interval is up). */
  touch(runId: string): void {
    const fanout = this.fanouts.get(runId);
    if (fanout) this.schedule(runId, fanout);
  }

  private schedule(runId: string, fanout: RunFanout): void {
    if (fanout.timer || fanout.closed) return;
    const due = Math.max(fanout.lastSentAt + this.config.live.minIntervalMs, fanout.retryAt);
    fanout.timer = setTimeout(
      () => {
        fanout.timer = undefined;
        void this.serial(runId, () =>
          this.pass(runId).catch((error: Error) => {
            // Redis away: try again, or an ended run would never send its end event.
            this.logger.debug({ runId, err: error.message }, 'live pass failed; retrying');
            fanout.retryAt = Date.now() + RETRY_MS;
            if (this.fanouts.get(runId) === fanout) this.schedule(runId, fanout);
          }),
        );
      },
      Math.max(0, due - Date.now()),
    );
  }

  /** The run ended in the store: once what is pending is sent, its end event follows. */
  private ended(ended: RunEnded): void {
    void this.serial(ended.runId, async () => {
      const fanout = this.fanouts.get(ended.runId);
      if (!fanout) return;
      fanout.end = ended;
      this.schedule(ended.runId, fanout);
    });
  }

  private percent(run: RunSummary, reading: LiveReading): number {
    if (run.state === 'completed') return 100;
    return runPercent(
      run.replicationsPlanned,
      new Set(this.runs.storedReplications(run.id)),
      reading.replications,
    );
  }

  private async pass(runId: string): Promise<void> {
    const fanout = this.fanouts.get(runId);
    const run = this.runs.summary(runId);
    if (!fanout || fanout.closed) return;
    if (!run) return this.drop(runId, fanout);
    // A notice may have scheduled this pass before the previous message went out.
    if (fanout.lastSentAt + this.config.live.minIntervalMs > Date.now()) return this.schedule(runId, fanout);
    // Ended, and the notice of it (queued behind this pass) sets `end`: that pass sends the rest.
    if (FINISHED_STATES.has(run.state) && !fanout.end) return;

    const most =
      fanout.bytesPerDay > 0
        ? Math.min(MOST_READ_DAYS, Math.ceil((1.25 * this.budget) / fanout.bytesPerDay) + 2)
        : FIRST_READ_DAYS;
    const reading = await this.live.read(runId, { taken: fanout.taken, leftover: fanout.leftover, most });
    fanout.taken = new Map(reading.reached);
    let pending = reading.pending;
    let days = reading.days;
    if (fanout.end && fanout.endFlushes >= END_FLUSH_MESSAGES && pending.length > 0) {
      this.logger.warn(
        { runId, days: pending.length },
        'live band not fully relayed before the end event (too wide); the result holds it',
      );
      pending = [];
      days = [];
    }
    const changed = reading.replications.filter(
      (r) => fanout.sentReplications.get(r.index) !== encodeReplicationState(r),
    );
    const counters = meanCounters(reading.counters);
    if (pending.length === 0 && changed.length === 0 && JSON.stringify(counters) === fanout.sentCounters) {
      fanout.leftover = [];
      if (fanout.end) this.sendEnd(runId, fanout, fanout.end, reading.seq);
      return;
    }

    // The final messages of an ended run still say running: its end event comes next and ends it.
    const state = run.state === 'queued' ? 'queued' : 'running';
    const { event, sent, bytes } = fitProgress(
      {
        runId,
        seq: reading.seq,
        prev: fanout.prev,
        state,
        percent: this.percent({ ...run, state }, reading),
        replications: changed,
        counters,
        at: Date.now(),
      },
      reading.series,
      days,
      this.budget,
    );
    // Left over: what did not fit, what was not read this time; days gone from Redis (expired)
    // are dropped rather than asked for again and again.
    const read = new Set(days.map(([day]) => day));
    const sentDays = new Set(days.slice(0, sent).map(([day]) => day));
    const asked = new Set(pending.slice(0, most));
    let dropped = 0;
    if (sent === 0 && days.length > 0) {
      // One day of this region's band is larger than a message: it cannot be relayed.
      sentDays.add(days[0][0]);
      dropped++;
    }
    fanout.leftover = pending.filter((day) => !sentDays.has(day) && (read.has(day) || !asked.has(day)));
    if (dropped > 0 && !fanout.warnedTooWide) {
      fanout.warnedTooWide = true;
      this.logger.warn(
        { runId, series: reading.series.length },
        'one day of the live band does not fit in a message: the band is left out',
      );
    }
    if (sent > 0) fanout.bytesPerDay = jsonBytes(event.band) / sent;
    this.sink?.progress(runId, event);
    this.sent(fanout, 'run.progress', bytes, event.seq);
    for (const r of changed) fanout.sentReplications.set(r.index, encodeReplicationState(r));
    fanout.sentCounters = JSON.stringify(counters);
    if (fanout.end) fanout.endFlushes++;
    if (fanout.leftover.length > 0 || fanout.end) this.schedule(runId, fanout);
  }

  private sendEnd(runId: string, fanout: RunFanout, ended: RunEnded, seq: number): void {
    const event: RunEndEvent = {
      runId,
      seq,
      prev: fanout.prev,
      state: ended.state,
      ...(ended.reason ? { reason: ended.reason } : {}),
      at: Date.now(),
    };
    const name = END_EVENT[ended.state];
    this.sink?.end(runId, name, event);
    this.sent(fanout, name, jsonBytes(event), seq);
    this.drop(runId, fanout);
    this.logger.info({ runId, state: ended.state, seq }, 'live end event sent');
  }

  private sent(fanout: RunFanout, name: string, bytes: number, seq: number): void {
    fanout.lastSentAt = Date.now();
    fanout.prev = seq;
    this.metrics.liveMessage(name, bytes);
  }

  private drop(runId: string, fanout: RunFanout): void {
    fanout.closed = true;
    clearTimeout(fanout.timer);
    if (this.fanouts.get(runId) === fanout) this.fanouts.delete(runId);
  }

  /**
   * The subscribe acknowledgement: joins the client to the run's room (`join`) and answers the
   * latest snapshot, inside the run's serial chain so no event of the run is sent in between.
   * The first watcher's snapshot is the baseline the next event's delta builds on.
   */
  subscribe(runId: string, join: () => void, reply: (ack: Ack<RunSnapshot>) => void): Promise<void> {
    return this.serial(runId, async () => {
      const run = this.runs.summary(runId);
      if (!run) return reply({ error: { code: 'NOT_FOUND', message: `run "${runId}" does not exist` } });
      let reading: LiveReading;
      try {
        reading = await this.live.read(runId);
      } catch (error) {
        this.logger.debug({ runId, err: (error as Error).message }, 'snapshot unavailable');
        return reply({
          error: {
            code: 'LIVE_UNAVAILABLE',
            message: 'live progress is unavailable (Redis did not answer); subscribe again shortly',
          },
        });
      }
      const scenario = this.runs.scenarioDays(run.id);
      const snapshot = fitSnapshot(
        {
          runId: run.id,
          seq: reading.seq,
          state: run.state,
          percent: this.percent(run, reading),
          replications: reading.replications,
          counters: meanCounters(reading.counters),
          at: Date.now(),
          warmupDays: scenario.warmupDays,
          totalDays: scenario.warmupDays + scenario.horizonDays,
          ...(run.error && run.state !== 'completed' ? { reason: run.error } : {}),
        },
        reading.series,
        reading.days,
        this.budget,
      );
      join();
      if (!this.fanouts.has(runId) && !FINISHED_STATES.has(run.state)) {
        // The first watcher: its snapshot is the baseline; what changes after it is sent as deltas.
        this.fanouts.set(runId, {
          taken: new Map(reading.reached),
          leftover: [],
          prev: snapshot.seq,
          sentReplications: new Map(reading.replications.map((r) => [r.index, encodeReplicationState(r)])),
          sentCounters: JSON.stringify(snapshot.counters),
          lastSentAt: 0,
          retryAt: 0,
          bytesPerDay: 0,
          warnedTooWide: false,
          endFlushes: 0,
          closed: false,
        });
      }
      reply({ data: snapshot }); // a reply to this client, not a room message: no throttle slot
      this.metrics.liveMessage('snapshot', jsonBytes(snapshot));
      this.logger.debug({ runId, seq: snapshot.seq, complete: snapshot.complete }, 'live subscriber');
    });
  }

  /** A client left the run's room (unsubscribe or disconnect): with nobody left, the run is no longer read. */
  released(runId: string): void {
    void this.serial(runId, async () => {
      const fanout = this.fanouts.get(runId);
      if (!fanout || !this.sink || this.sink.watchers(runId) > 0) return;
      this.drop(runId, fanout);
    });
  }
}
