// SIGTERM / SIGINT: run the graceful close, but exit by the deadline whatever happens (Redis
// unreachable, a stuck connection): the deadline is what orchestrators and tests rely on.
import type { Logger } from 'pino';

export function exitOnSignals(deadlineMs: number, logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutdown requested');
    const hard = setTimeout(() => {
      logger.warn({ deadlineMs }, 'shutdown deadline reached: exiting');
      process.exit(1);
    }, deadlineMs);
    hard.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
