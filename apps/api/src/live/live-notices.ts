// The workers' "run X has news" notices (the live channel in Redis, libs/runner live.ts), heard
// once per api and handed to whoever listens in-process: the progress recorder (persists the
// percent) and the fan-out (emits to watchers). A connection of its own: a subscribed connection
// can do nothing else. It resubscribes by itself after a reconnect; news missed meanwhile is read
// on the next notice (the state is in Redis).
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisConnectionOptions, type AppConfig, type Logger } from '@caretwin/config';
import { liveChannel } from '@caretwin/runner';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { runIdSchema } from './subscribe.dto';

@Injectable()
export class LiveNotices implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listeners = new Set<(runId: string) => void>();
  private subscriber: Redis | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** Calls `listener` with the run id of every notice; answers a function that stops it. */
  onNews(listener: (runId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationBootstrap(): void {
    const subscriber = new Redis({
      ...redisConnectionOptions(this.config.redis.url),
      maxRetriesPerRequest: null,
    });
    subscriber.on('error', () => undefined); // the api's main connection logs Redis outages
    subscriber.on('message', (_channel: string, message: string) => {
      const runId = runIdSchema.safeParse(message);
      if (!runId.success) return;
      for (const listener of this.listeners) listener(runId.data);
    });
    void subscriber
      .subscribe(liveChannel(this.config.redis.prefix))
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'live channel not subscribed yet'));
    this.subscriber = subscriber;
  }

  onApplicationShutdown(): void {
    this.listeners.clear();
    this.subscriber?.disconnect();
  }
}
