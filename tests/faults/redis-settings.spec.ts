// Start-up warnings about a Redis that could lose queued work (issue 9, fault 9): an eviction
// policy other than noeviction, or no persistence. Each on its own, on the api alone and on
// `npm start`, and silence when Redis is set right. One Redis, reconfigured between the cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine, ServiceProcess } from '../service/harness/processes';
import { FaultEnv } from './harness/fault-env';
import { startEmbedded } from './harness/npm-start';
import { request, waitUntil } from './harness/runs';

const WARN = 40; // pino's level number for warn

const aboutEviction = (l: LogLine): boolean =>
  typeof l.msg === 'string' && l.msg.includes('maxmemory-policy');
const aboutPersistence = (l: LogLine): boolean =>
  typeof l.msg === 'string' && l.msg.includes('no persistence');

describe('start-up checks of the Redis settings', () => {
  let env: FaultEnv;

  const configure = async (settings: Record<string, string>): Promise<void> => {
    const redis = env.client();
    try {
      for (const [key, value] of Object.entries(settings)) await redis.config('SET', key, value);
    } finally {
      redis.disconnect();
    }
  };

  /**
   * Lines about Redis settings once the check has surely run: it runs when the connection is
   * ready, before /ready can say so; a moment more lets its lines travel through the pipe.
   */
  const settled = async (service: ServiceProcess & { url: string }): Promise<LogLine[]> => {
    await waitUntil('the api to be ready', async () =>
      (await request(service.url, 'GET', '/ready')).status === 200 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 1000));
    return service.lines.filter((l) => aboutEviction(l) || aboutPersistence(l));
  };

  beforeAll(async () => {
    env = await FaultEnv.create('redis-settings', { persistent: false });
  }, 60_000);

  afterAll(async () => {
    await env?.cleanup();
  }, 60_000);

  it('warns from the api when Redis keeps no persistence (and only about that)', async () => {
    await configure({ 'maxmemory-policy': 'noeviction', appendonly: 'no', save: '' });
    const api = await env.startApi({
      DATA_DIR: env.tempDir('no-persistence'),
      BULLMQ_PREFIX: `${env.prefix}-a`,
    });
    const warning = await api.waitForLog(aboutPersistence);
    expect(warning.level).toBe(WARN);
    expect(await settled(api)).toEqual([warning]);
  }, 120_000);

  it('warns from npm start when Redis may evict keys (and only about that)', async () => {
    await configure({ 'maxmemory-policy': 'allkeys-lru', appendonly: 'yes' });
    const embedded = env.track(
      await startEmbedded({ dataDir: env.tempDir('evicting'), redisUrl: env.redisUrl }),
    );
    const warning = await embedded.waitForLog(aboutEviction);
    expect(warning.level).toBe(WARN);
    expect(warning.msg).toContain('allkeys-lru');
    expect(await settled(embedded)).toEqual([warning]);
  }, 120_000);

  it('says nothing about Redis settings when Redis is noeviction with an append-only file', async () => {
    await configure({ 'maxmemory-policy': 'noeviction', appendonly: 'yes' });
    const api = await env.startApi({
      DATA_DIR: env.tempDir('well-configured'),
      BULLMQ_PREFIX: `${env.prefix}-c`,
    });
    expect(await settled(api)).toEqual([]);
  }, 120_000);
});
