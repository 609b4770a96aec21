// `npm start`: the api and a worker in one process (the embedded default; docs/configuration.md
// "Scaling out" splits them). Uses the Redis at REDIS_URL; when nothing answers there, starts a
// private redis-server under DATA_DIR (if one is installed) or says how to get one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { ensurePrivateRedis, pingRedis, redisServerInstalled } from './private-redis.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

for (const built of ['config/dist/index.js', 'apps/api/dist/bootstrap.js', 'apps/worker/dist/bootstrap.js']) {
  if (!existsSync(root + built)) {
    console.error(`${built} is missing: run \`npm run build\` first (npm ci runs it for you).`);
    process.exit(1);
  }
}

const {
  ConfigError,
  assertAccessBinding,
  createLogger,
  loadConfig,
  redactRedisUrl,
  redisConnectionOptions,
} = require('../config/dist/index.js');
const { startApi } = require('../apps/api/dist/bootstrap.js');
const { startWorker } = require('../apps/worker/dist/bootstrap.js');

function load(env) {
  try {
    const config = loadConfig({ env });
    assertAccessBinding(config); // AUTH_MODE=open only on loopback: refuse before starting anything
    return config;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}

const HOW_TO_GET_REDIS = `
CareTwin needs Redis (the run queue). Either:
  - install it, and npm start runs a private one under DATA_DIR:
      Debian/Ubuntu: sudo apt-get install redis-server
      macOS:         brew install redis
  - or point REDIS_URL at a Redis you run (Redis 6.2+, maxmemory-policy noeviction), e.g.
      REDIS_URL=redis://127.0.0.1:6379 npm start
`;

async function main() {
  let config = load(process.env);
  const logger = createLogger(config, 'caretwin');
  let privateRedis;

  const { host, port } = redisConnectionOptions(config.redis.url);
  if (!(await pingRedis({ host, port }, 1000))) {
    if (config.redis.startPrivate === 'never' || !redisServerInstalled()) {
      console.error(`No Redis answers at ${redactRedisUrl(config.redis.url)}.${HOW_TO_GET_REDIS}`);
      process.exit(1);
    }
    privateRedis = await ensurePrivateRedis(config.dataDir);
    logger.info(
      { redis: privateRedis.url, adopted: privateRedis.adopted },
      'private redis-server under the data dir',
    );
    // The prefix stays derived from the data dir, so the queue is the same across restarts.
    config = load({ ...process.env, REDIS_URL: privateRedis.url });
  }

  let worker;
  let api;
  try {
    worker = await startWorker(config, createLogger(config, 'worker'));
    api = await startApi(config, createLogger(config, 'api'));
  } catch (error) {
    // e.g. the port is taken: do not leave the private Redis behind.
    logger.error({ err: error }, 'start-up failed');
    if (privateRedis && !privateRedis.adopted) await privateRedis.stop(); // an adopted one may serve another start
    process.exit(1);
  }
  let feed;
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (feed && feed.exitCode === null) feed.kill('SIGTERM');
    logger.info({ signal, deadlineMs: config.shutdown.deadlineMs }, 'shutdown requested');
    setTimeout(() => {
      logger.warn('shutdown deadline reached: exiting');
      process.exit(1);
    }, config.shutdown.deadlineMs).unref();
    (async () => {
      await api.close().catch((error) => logger.warn({ err: error }, 'api close failed'));
      await worker.close().catch((error) => logger.warn({ err: error }, 'worker close failed'));
      if (privateRedis) await privateRedis.stop();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Announce only once Ctrl-C is handled: a person (or a test) who reacts to the line at once
  // must get the graceful stop, never the default SIGINT death.
  if (config.log.format === 'pretty') {
    // A person at a terminal (LOG_FORMAT auto or pretty): the one line they need, plain.
    process.stdout.write(`CareTwin is running at ${api.url}/ — press Ctrl-C to stop\n`);
  } else {
    logger.info({ url: api.url }, `CareTwin is up: ${api.url}`);
  }
  feed = await backfillSyntheticCensus(config, api.url, logger);
}

/**
 * FEED=auto (docs/configuration.md): a store without census reports gets a synthetic history
 * (`caretwin feed --speed max`, a child process: the simulation never blocks the api's event
 * loop) so the Now view is alive on a fresh machine. Never over real reports, never in tokens
 * mode (it would need a token) and never under NODE_ENV=test (tests start from an empty store).
 */
async function backfillSyntheticCensus(config, url, logger) {
  if (config.feed.mode !== 'auto' || config.nodeEnv === 'test' || config.access.mode !== 'open')
    return undefined;
  const cli = root + 'apps/cli/bin/caretwin.js';
  if (!existsSync(root + 'apps/cli/dist/main.js')) return undefined;
  const latest = await globalThis
    .fetch(`${url}/api/census/latest`)
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  if (!latest || latest.asOf !== null) return undefined;
  const days = config.feed.days;
  const args = ['feed', '--scenario', config.census.scenario, '--days', String(days), '--speed', 'max'];
  const note = `posting a synthetic census history of ${days} days (${config.census.scenario}) so the Now view has data; FEED=off skips this`;
  if (config.log.format === 'pretty') process.stdout.write(`${note[0].toUpperCase()}${note.slice(1)}…\n`);
  else logger.info({ days, scenario: config.census.scenario }, note);
  const child = spawn(process.execPath, [cli, ...args, '--url', url, '--no-progress', '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (err = (err + chunk).slice(-4000)));
  child.on('error', (error) => logger.warn({ err: error }, 'synthetic census feed could not start'));
  child.on('exit', (code, signal) => {
    if (code !== 0) {
      if (signal === null) logger.warn({ code, stderr: err.trim() }, 'synthetic census feed failed');
      return;
    }
    let summary = {};
    try {
      summary = JSON.parse(out);
    } catch {
      // the feed printed no summary: say it finished all the same
    }
    const done = `synthetic census posted: ${summary.days ?? days} days (${summary.from ?? '?'} … ${summary.to ?? '?'})`;
    if (config.log.format === 'pretty') process.stdout.write(`${done[0].toUpperCase()}${done.slice(1)}\n`);
    else logger.info(summary, done);
  });
  return child;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
