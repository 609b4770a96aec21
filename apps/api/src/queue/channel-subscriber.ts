// A Redis pub/sub channel's receiving end, for the api's fan-outs across instances (the Now
// channel, workshop events): a connection of its own (a subscribed connection can do nothing
// else) that resubscribes by itself after a reconnect; each message is parsed and handed on. A
// client that missed messages while Redis was away catches up by subscribing again (seq).
import { Redis } from 'ioredis';
import { redisConnectionOptions, type AppConfig, type Logger } from '@caretwin/config';

export function subscribeChannel<T>(
  config: AppConfig,
  logger: Logger,
  channel: string,
  /** names the channel in log lines ("now channel") */
  label: string,
  deliver: (message: T) => void,
): Redis {
  const subscriber = new Redis({
    ...redisConnectionOptions(config.redis.url),
    maxRetriesPerRequest: null,
  });
  subscriber.on('error', () => undefined); // the api's main connection logs Redis outages
  subscriber.on('message', (_channel: string, text: string) => {
    try {
      deliver(JSON.parse(text) as T);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, `${label} message dropped`);
    }
  });
  void subscriber
    .subscribe(channel)
    .catch((error: Error) => logger.warn({ err: error.message }, `${label} not subscribed yet`));
  return subscriber;
}
