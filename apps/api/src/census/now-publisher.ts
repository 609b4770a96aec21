// The Now channel's one publisher: numbers each event with the channel's next seq (a Redis
// counter shared by every api instance, surviving restarts), publishes it on
// `<prefix>:caretwin:now`, and every api instance (this one too, through the same path) hands
// what it receives to its NowGateway, which emits it to the sockets that subscribed. The latest
// census is also kept in Redis (`<prefix>:caretwin:now:latest`) so every instance answers
// GET /api/census/latest and `now.subscribe` from one copy.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig, Logger } from '@caretwin/config';
import type { CensusLatest, CensusUpdatedEvent, Forecast, ForecastCompletedEvent } from '@caretwin/contracts';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { subscribeChannel } from '../queue/channel-subscriber';
import { API_REDIS } from '../queue/queue.tokens';

export type NowMessage =
  | { event: 'census.updated'; payload: CensusUpdatedEvent }
  | { event: 'forecast.completed'; payload: ForecastCompletedEvent };

/** Where an instance's received events go (the NowGateway). */
export interface NowSink {
  emit(message: NowMessage): void;
}

/** The latest state as cached, with the census version (CensusRepository.lastReceivedAt) it shows. */
export interface CachedLatest {
  version: string | null;
  latest: CensusLatest;
}

/** Rows per `census.updated` event (about 21 KB of JSON). */
export const CENSUS_EVENT_MAX_ROWS = 64;

/** What a request's parts before its last carry: the state after the request rides with the last. */
const BEFORE_THE_LAST_PART = {
  points: [],
  missing: [],
  missingComplete: false,
  missingResolved: [],
} satisfies Partial<CensusUpdatedEvent>;

export const nowChannel = (prefix: string): string => `${prefix}:caretwin:now`;
const seqKey = (prefix: string): string => `${prefix}:caretwin:now:seq`;
const latestKey = (prefix: string): string => `${prefix}:caretwin:now:latest`;

@Injectable()
export class NowPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private sink: NowSink | undefined;
  private subscriber: Redis | undefined;

  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  attach(sink: NowSink): void {
    this.sink = sink;
  }

  onApplicationBootstrap(): void {
    this.subscriber = subscribeChannel<NowMessage>(
      this.config,
      this.logger,
      nowChannel(this.config.redis.prefix),
      'now channel',
      (message) => this.sink?.emit(message),
    );
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** The channel's current seq: events numbered up to it are already reflected in the store. */
  async seq(): Promise<number> {
    return Number((await this.redis.get(seqKey(this.config.redis.prefix))) ?? 0);
  }

  /**
   * A report changed the census: numbered, fanned out to every instance. A request of many rows
   * (a whole region's day is about 190, 62 KB) goes out as several events of at most
   * CENSUS_EVENT_MAX_ROWS rows, each numbered, so every message stays well under 64 KiB; the
   * changed points and the change to the missing list (the whole list, 24 KB, only when the
   * request started a new day) ride with the last, the others say `more`.
   */
  async censusUpdated(event: Omit<CensusUpdatedEvent, 'seq' | 'at'>): Promise<void> {
    const chunks = Math.max(1, Math.ceil(event.rows.length / CENSUS_EVENT_MAX_ROWS));
    for (let i = 0; i < chunks; i++) {
      const last = i === chunks - 1;
      const seq = await this.nextSeq();
      await this.publish({
        event: 'census.updated',
        payload: {
          ...event,
          rows: event.rows.slice(i * CENSUS_EVENT_MAX_ROWS, (i + 1) * CENSUS_EVENT_MAX_ROWS),
          ...(last ? {} : BEFORE_THE_LAST_PART),
          more: !last,
          seq,
          at: Date.now(),
        },
      });
    }
  }

  /** A forecast finished (the worker's job, stored by the api): numbered, fanned out to every instance. */
  async forecastCompleted(forecast: Forecast): Promise<void> {
    const seq = await this.nextSeq();
    await this.publish({ event: 'forecast.completed', payload: { seq, forecast, at: Date.now() } });
  }

  /** The cached latest census and the census version it was built from; null when none (or Redis does not answer). */
  async cachedLatest(): Promise<CachedLatest | null> {
    try {
      const text = await this.redis.get(latestKey(this.config.redis.prefix));
      return text ? (JSON.parse(text) as CachedLatest) : null;
    } catch {
      return null; // the store answers instead
    }
  }

  async cacheLatest(cached: CachedLatest): Promise<void> {
    await this.redis.set(latestKey(this.config.redis.prefix), JSON.stringify(cached));
  }

  private async nextSeq(): Promise<number> {
    return this.redis.incr(seqKey(this.config.redis.prefix));
  }

  private async publish(message: NowMessage): Promise<void> {
    await this.redis.publish(nowChannel(this.config.redis.prefix), JSON.stringify(message));
  }
}
