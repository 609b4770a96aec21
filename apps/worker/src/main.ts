// `npm run start:worker`: one worker process. Scale out by starting more anywhere that
// reaches the same Redis (and BULLMQ_PREFIX).
import { ConfigError, createLogger, exitOnSignals, loadConfig } from '@caretwin/config';
import { startWorker } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig({ env: process.env });
  const logger = createLogger(config, 'worker');
  const handle = await startWorker(config, logger);
  exitOnSignals(config.shutdown.deadlineMs, logger, () => handle.close());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
