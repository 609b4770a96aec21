// The workshop events' fan-out across api instances: whichever instance made a change (and took
// its seq from the store, in the change's transaction) publishes the event on
// `<prefix>:caretwin:workshops`; every instance (this one too, through the same path) hands what
// it receives to its WorkshopsGateway, which emits it to the room of that workshop. Order and
// completeness are the seq's business: a client that sees a gap (`prev` newer than it holds)
// subscribes again for a snapshot — the same contract as run progress and the Now channel.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig, Logger } from '@caretwin/config';
import type { WorkshopEvent, WorkshopEventBody } from '@caretwin/contracts';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { subscribeChannel } from '../queue/channel-subscriber';
import { API_REDIS } from '../queue/queue.tokens';

/** Where an instance's received events go (the WorkshopsGateway). */
export interface WorkshopSink {
  emit(event: WorkshopEvent): void;
}

export const workshopChannel = (prefix: string): string => `${prefix}:caretwin:workshops`;

@Injectable()
export class WorkshopPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private sink: WorkshopSink | undefined;
  private subscriber: Redis | undefined;

  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  attach(sink: WorkshopSink): void {
    this.sink = sink;
  }

  onApplicationBootstrap(): void {
    this.subscriber = subscribeChannel<WorkshopEvent>(
      this.config,
      this.logger,
      workshopChannel(this.config.redis.prefix),
      'workshop channel',
      (event) => this.sink?.emit(event),
    );
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /**
   * Sends an event numbered `seq` (stored already). Never throws: with Redis away the event is
   * lost to live sockets, whose next subscribe (every reconnect) answers the stored state.
   */
  publish(workshopId: string, seq: number, body: WorkshopEventBody): void {
    const event: WorkshopEvent = { ...body, workshopId, seq, prev: seq - 1, at: Date.now() };
    this.redis
      .publish(workshopChannel(this.config.redis.prefix), JSON.stringify(event))
      .catch((error: Error) =>
        this.logger.warn(
          { workshopId, seq, type: body.type, err: error.message },
          'workshop event not published',
        ),
      );
  }
}
