// `npm run start:api`: the HTTP api alone (run workers with `npm run start:worker`).
import { ConfigError, createLogger, exitOnSignals, loadConfig } from '@caretwin/config';
import { startApi } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig({ env: process.env });
  const logger = createLogger(config, 'api');
  const api = await startApi(config, logger);
  exitOnSignals(config.shutdown.deadlineMs, logger, () => api.close());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
