// Relays a run's live state from Redis to the socket.io room of that run. Workers announce "run
// X has news" on the live channel; the relay reads what changed since its last message and sends
// one `run.progress` — never sooner than LIVE_MIN_INTERVAL_MS after the previous message of that
// run (≤ 10/s whatever the number of workers), never larger than LIVE_MAX_MESSAGE_BYTES (band
// days that do not fit wait for the next message). When the run ends it sends what is left, then
// the end event. Every message and every snapshot takes the next number of the run's sequence
// (kept in Redis), and all work on one run is serialised, so a subscriber's snapshot and the
// events after it never interleave.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnectionOptions, type AppConfig, type Logger } from '@caretwin/config';
import {
  FINISHED_STATES,
  type Ack,
  type RunEndEvent,
  type RunProgressEvent,
  type RunSnapshot,
} from '@caretwin/contracts';
import { encodeReplicationState, liveChannel, meanCounters } from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { ServiceMetrics } from '../metrics/service-metrics';
import { LiveStateStore, type LiveProgress } from '../queue/live-state.store';
import { RunLifecycleService } from '../runs/run-lifecycle.service';
import { RunOutcomes, type RunEnded } from '../runs/run-outcomes';
import { RunsRepository, type RunSummary } from '../store/runs.repository';
import { FRAMING_BYTES, fitProgress, fitSnapshot, jsonBytes } from './live-messages';
import { runIdSchema } from './subscribe.dto';

/** Where the relay sends a run's messages: the socket.io rooms (the gateway implements it). */
export interface LiveSink {
  progress(runId: string, event: RunProgressEvent): void;
  end(runId: string, name: 'run.completed' | 'run.failed' | 'run.cancelled', event: RunEndEvent): void;
  /** clients in the run's room */
  watchers(runId: string): number;
}

/** What the relay knows of one run while it is active. */
interface RunRelay {
  /** a room has clients: band and replication changes are sent */
  watched: boolean;
  /** replication → band day up to which changes were taken into `pending` */
  seen: Map<number, number>;
  /** band days changed since the last message (sent oldest first) */
  pending: Set<number>;
  /** replication → its state as last sent */
  sentReplications: Map<number, string>;
  sentCounters: string;
  lastSentAt: number;
  /** when the last pass read Redis (passes for unwatched runs only keep the store's percent) */
  lastPassAt: number;
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

/** Unwatched runs are read this often (the store's percent is written at most once a second anyway). */
const UNWATCHED_INTERVAL_MS = 1000;
/**
 * Once a run has ended, at most this many progress messages carry what is still pending before
 * the end event (a few for Miyagi; a very wide region would otherwise delay the end for long —
 * its full band is in the result).
 */
const END_FLUSH_MESSAGES = 40;
/** After a failed pass (Redis away), the next one waits this long. */
const RETRY_MS = 1000;

const END_EVENT = { completed: 'run.completed', failed: 'run.failed', cancelled: 'run.cancelled' } as const;

@Injectable()
export class LiveRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relays = new Map<string, RunRelay>();
  /** per-run chain: one operation on a run at a time */
  private readonly chains = new Map<string, Promise<void>>();
  private sink: LiveSink | undefined;
  private subscriber: Redis | undefined;
  private stopOutcomes: (() => void) | undefined;
  private readonly budget: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly runs: RunsRepository,
    private readonly lifecycle: RunLifecycleService,
    private readonly live: LiveStateStore,
    private readonly outcomes: RunOutcomes,
    private readonly metrics: ServiceMetrics,
  ) {
    this.budget = config.live.maxMessageBytes - FRAMING_BYTES;
  }

  attach(sink: LiveSink): void {
    this.sink = sink;
  }

  onApplicationBootstrap(): void {
    this.stopOutcomes = this.outcomes.onEnded((ended) => this.ended(ended));
    // A connection of its own: a subscribed connection can do nothing else. It resubscribes by
    // itself after a reconnect; news missed meanwhile is read on the next pass (state is in Redis).
    const subscriber = new Redis({
      ...redisConnectionOptions(this.config.redis.url),
      maxRetriesPerRequest: null,
    });
    subscriber.on('error', () => undefined); // the api's main connection logs Redis outages
    subscriber.on('message', (_channel: string, message: string) => {
      const runId = runIdSchema.safeParse(message);
      if (runId.success) this.touch(runId.data);
    });
    void subscriber
      .subscribe(liveChannel(this.config.redis.prefix))
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'live channel not subscribed yet'));
    this.subscriber = subscriber;
  }

  onApplicationShutdown(): void {
    this.stopOutcomes?.();
    for (const relay of this.relays.values()) clearTimeout(relay.timer);
    this.subscriber?.disconnect();
  }

  /** Runs `task` after every earlier operation on the run; never rejects. */
  private serial(runId: string, task: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(runId) ?? Promise.resolve()).then(task).catch((error: Error) => {
      this.logger.warn({ runId, err: error.message }, 'live relay pass failed');
    });
    this.chains.set(runId, next);
    void next.then(() => {
      if (this.chains.get(runId) === next) this.chains.delete(runId);
    });
    return next;
  }

  private relay(runId: string): RunRelay {
    let relay = this.relays.get(runId);
    if (!relay) {
      relay = {
        watched: false,
        seen: new Map(),
        pending: new Set(),
        sentReplications: new Map(),
        sentCounters: '',
        lastSentAt: 0,
        lastPassAt: 0,
        retryAt: 0,
        bytesPerDay: 0,
        warnedTooWide: false,
        endFlushes: 0,
        closed: false,
      };
      this.relays.set(runId, relay);
    }
    return relay;
  }

  /** A worker wrote news of the run: a pass is scheduled (at once, or when the interval is up). */
  touch(runId: string): void {
    this.schedule(runId, this.relay(runId));
  }

  private schedule(runId: string, relay: RunRelay): void {
    if (relay.timer || relay.closed) return;
    const due = relay.watched
      ? relay.lastSentAt + this.config.live.minIntervalMs
      : relay.lastPassAt + UNWATCHED_INTERVAL_MS;
    const wait = Math.max(0, due, relay.retryAt) - Date.now();
    relay.timer = setTimeout(
      () => {
        relay.timer = undefined;
        void this.serial(runId, () =>
          this.pass(runId).catch((error: Error) => {
            // Redis away: try again, or an ended run would never send its end event.
            this.logger.debug({ runId, err: error.message }, 'live pass failed; retrying');
            relay.retryAt = Date.now() + RETRY_MS;
            if (this.relays.get(runId) === relay && (relay.watched || relay.end)) this.schedule(runId, relay);
          }),
        );
      },
      Math.max(0, wait),
    );
  }

  /** The run ended in the store: once what is pending is sent, its end event follows. */
  private ended(ended: RunEnded): void {
    void this.live.retain(ended.runId).catch(() => undefined);
    void this.serial(ended.runId, async () => {
      const relay = this.relays.get(ended.runId);
      if (!relay) return;
      if (!relay.watched) {
        clearTimeout(relay.timer);
        this.relays.delete(ended.runId);
        return;
      }
      relay.end = ended;
      this.schedule(ended.runId, relay);
    });
  }

  private async pass(runId: string): Promise<void> {
    const relay = this.relays.get(runId);
    const run = this.runs.summary(runId);
    if (!relay || !run || relay.closed) return;
    // A notice may have scheduled this pass before the previous message went out.
    if (relay.lastSentAt + this.config.live.minIntervalMs > Date.now()) return this.schedule(runId, relay);
    const finished = FINISHED_STATES.has(run.state);
    if (finished && !relay.end) {
      // Ended before anyone watched (or the notice is on its way): nothing to relay.
      if (!relay.watched) this.relays.delete(runId);
      return;
    }
    relay.lastPassAt = Date.now();
    const progress = await this.live.progress(runId);
    if (!finished) this.lifecycle.recordProgress(runId, progress.replications);
    if (!relay.watched) return;

    for (const [replication, day] of progress.reached) {
      const seen = relay.seen.get(replication) ?? 0;
      for (let d = seen + 1; d <= day; d++) relay.pending.add(d);
      if (day > seen) relay.seen.set(replication, day);
    }
    if (relay.end && relay.endFlushes >= END_FLUSH_MESSAGES && relay.pending.size > 0) {
      this.logger.warn(
        { runId, days: relay.pending.size },
        'live band not fully relayed before the end event (too wide); the result holds it',
      );
      relay.pending.clear();
    }
    const changed = progress.replications.filter(
      (r) => relay.sentReplications.get(r.index) !== encodeReplicationState(r),
    );
    const counters = meanCounters(progress.counters);
    if (relay.pending.size > 0 || changed.length > 0 || JSON.stringify(counters) !== relay.sentCounters) {
      await this.sendProgress(runId, run, relay, progress, changed, counters);
      if (relay.end) relay.endFlushes++;
      if (relay.pending.size > 0 || relay.end) this.schedule(runId, relay);
      return;
    }
    if (relay.end) await this.sendEnd(runId, relay, relay.end);
  }

  private async sendProgress(
    runId: string,
    run: RunSummary,
    relay: RunRelay,
    progress: LiveProgress,
    changed: LiveProgress['replications'],
    counters: RunProgressEvent['counters'],
  ): Promise<void> {
    // Read a little more than fitted last time; fitProgress keeps the prefix that fits.
    const hint = relay.bytesPerDay > 0 ? Math.ceil((1.25 * this.budget) / relay.bytesPerDay) + 2 : 64;
    const days = [...relay.pending].sort((a, b) => a - b).slice(0, hint);
    const band = await this.live.days(runId, days);
    const seq = await this.live.nextSeq(runId);
    // The final messages of an ended run still say running: its end event comes next and ends it.
    const state = run.state === 'queued' ? 'queued' : 'running';
    const base = {
      runId,
      seq,
      state,
      percent: this.lifecycle.percentOf({ ...run, state }, progress.replications),
      replications: changed,
      counters,
      at: Date.now(),
    } as const;
    const { event, sent } = fitProgress(base, band.series, band.days, this.budget);
    const sentDays = new Set(band.days.slice(0, sent).map(([day]) => day));
    const known = new Set(band.days.map(([day]) => day));
    let dropped = 0;
    for (const day of days) {
      // Days gone from Redis (expired) are dropped rather than asked for again and again.
      if (sentDays.has(day) || !known.has(day)) relay.pending.delete(day);
    }
    if (sent === 0 && band.days.length > 0) {
      // One day of this region's band is larger than a message: it cannot be relayed.
      relay.pending.delete(band.days[0][0]);
      dropped++;
    }
    if (dropped > 0 && !relay.warnedTooWide) {
      relay.warnedTooWide = true;
      this.logger.warn(
        { runId, series: band.series.length },
        'one day of the live band does not fit in a message: the band is left out',
      );
    }
    if (sent > 0) relay.bytesPerDay = jsonBytes(event.band) / sent;
    this.deliver(relay, 'run.progress', event, () => this.sink?.progress(runId, event));
    for (const r of changed) relay.sentReplications.set(r.index, encodeReplicationState(r));
    relay.sentCounters = JSON.stringify(counters);
  }

  private async sendEnd(runId: string, relay: RunRelay, ended: RunEnded): Promise<void> {
    const seq = await this.live.nextSeq(runId);
    const event: RunEndEvent = {
      runId,
      seq,
      state: ended.state,
      ...(ended.reason ? { reason: ended.reason } : {}),
      at: Date.now(),
    };
    const name = END_EVENT[ended.state];
    this.deliver(relay, name, event, () => this.sink?.end(runId, name, event));
    relay.closed = true;
    this.relays.delete(runId);
    this.logger.info({ runId, state: ended.state, seq }, 'live end event sent');
  }

  private deliver(relay: RunRelay, name: string, event: object, send: () => void): void {
    send();
    relay.lastSentAt = Date.now();
    this.metrics.liveMessage(name, jsonBytes(event));
  }

  /**
   * The subscribe acknowledgement: joins the client to the run's room (`join`) and answers the
   * latest snapshot, inside the run's serial chain so no event of the run is sent in between.
   */
  subscribe(runId: string, join: () => void, reply: (ack: Ack<RunSnapshot>) => void): Promise<void> {
    return this.serial(runId, async () => {
      const run = this.runs.summary(runId);
      if (!run) return reply({ error: { code: 'NOT_FOUND', message: `run "${runId}" does not exist` } });
      let taken: { snapshot: RunSnapshot; reached: Map<number, number> };
      try {
        taken = await this.snapshot(run);
      } catch (error) {
        this.logger.debug({ runId, err: (error as Error).message }, 'snapshot unavailable');
        return reply({
          error: {
            code: 'LIVE_UNAVAILABLE',
            message: 'live progress is unavailable (Redis did not answer); subscribe again shortly',
          },
        });
      }
      const { snapshot, reached } = taken;
      join();
      const relay = FINISHED_STATES.has(run.state) ? this.relays.get(runId) : this.relay(runId);
      if (relay && !relay.watched) {
        // The snapshot is the new baseline: what changes after it is sent as events.
        relay.watched = true;
        relay.pending.clear();
        relay.seen = new Map(reached);
        relay.sentReplications = new Map(
          snapshot.replications.map((r) => [r.index, encodeReplicationState(r)]),
        );
        relay.sentCounters = JSON.stringify(snapshot.counters);
      }
      reply({ data: snapshot }); // a reply to this client, not a room message: no throttle slot
      this.metrics.liveMessage('snapshot', jsonBytes(snapshot));
      this.logger.debug({ runId, seq: snapshot.seq, complete: snapshot.complete }, 'live subscriber');
    });
  }

  private async snapshot(run: RunSummary): Promise<{ snapshot: RunSnapshot; reached: Map<number, number> }> {
    const reading = await this.live.all(run.id);
    const seq = await this.live.nextSeq(run.id);
    const scenario = this.runs.scenarioDays(run.id);
    const base = {
      runId: run.id,
      seq,
      state: run.state,
      percent: this.lifecycle.percentOf(run, reading.replications),
      replications: reading.replications,
      counters: meanCounters(reading.counters),
      at: Date.now(),
      warmupDays: scenario.warmupDays,
      totalDays: scenario.warmupDays + scenario.horizonDays,
      ...(run.error && run.state !== 'completed' ? { reason: run.error } : {}),
    };
    return {
      snapshot: fitSnapshot(base, reading.series, reading.days, this.budget),
      reached: reading.reached,
    };
  }

  /** A client left the run's room (unsubscribe or disconnect): with nobody left, stop reading the band. */
  released(runId: string): void {
    void this.serial(runId, async () => {
      const relay = this.relays.get(runId);
      if (!relay || !this.sink || this.sink.watchers(runId) > 0) return;
      relay.watched = false;
      relay.pending.clear();
      relay.seen.clear();
      if (relay.end) {
        clearTimeout(relay.timer);
        this.relays.delete(runId);
      }
    });
  }
}
