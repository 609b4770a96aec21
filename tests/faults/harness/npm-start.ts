// `npm start` (scripts/start.mjs: api and worker in one process) as a test starts it: detached,
// so it leads its own process group and a test can SIGKILL the whole group at once, as an
// orchestrator or the OOM killer would.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../service/harness/build';
import { ServiceProcess } from '../../service/harness/processes';
import { FAULT_SETTINGS } from './fault-env';

export interface EmbeddedService extends ServiceProcess {
  url: string;
  prefix: string;
}

/**
 * Starts `node scripts/start.mjs` against `redisUrl` with the data dir given; the BullMQ prefix
 * is left to be derived from the data dir, as a plain `npm start` does. Answers once it serves.
 */
export async function startEmbedded(settings: {
  dataDir: string;
  redisUrl: string;
  extra?: Record<string, string>;
}): Promise<EmbeddedService> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATA_DIR: settings.dataDir,
      REDIS_URL: settings.redisUrl,
      REDIS_START_PRIVATE: 'never', // the test's own Redis answers; never start another
      PORT: '0',
      LOG_LEVEL: 'info',
      ...FAULT_SETTINGS,
      ...settings.extra,
    },
  });
  const service = new ServiceProcess('api', child);
  const listening = await service.waitForLog((l) => l.msg === 'api listening');
  await service.waitForLog((l) => l.msg === 'worker ready');
  return Object.assign(service, { url: listening.url as string, prefix: listening.prefix as string });
}
