// Start-up warnings about a Redis that could lose queued work (issue 9, fault 9): an eviction
// policy other than noeviction, or no persistence. Checked on the api alone and on `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../service/harness/processes';
import { FaultEnv } from './harness/fault-env';
import { startEmbedded } from './harness/npm-start';
import { request, waitUntil } from './harness/runs';

const WARN = 40; // pino's level number for warn

const aboutEviction = (l: LogLine): boolean => typeof l.msg === 'string' && l.msg.includes('maxmemory-policy');
const aboutPersistence = (l: LogLine): boolean => typeof l.msg === 'string' && l.msg.includes('no persistence');

describe('start-up checks of the Redis settings', () => {
  let env: FaultEnv;

  beforeAll(async () => {
    env = await FaultEnv.create('redis-settings', { persistent: false });
  }, 60_000);

  afterAll(async () => {
    await env?.cleanup();
  }, 60_000);

  it('warns when Redis may evict keys and keeps no persistence, from the api and from npm start', async () => {
    const redis = env.client();
    try {
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    } finally {
      redis.disconnect();
    }
    const api = await env.startApi();
    const eviction = await api.waitForLog(aboutEviction);
    const persistence = await api.waitForLog(aboutPersistence);
    expect([eviction.level, persistence.level]).toEqual([WARN, WARN]);
    expect(eviction.msg).toContain('allkeys-lru');

    const embedded = env.track(await startEmbedded({ dataDir: env.tempDir('embedded'), redisUrl: env.redisUrl }));
    expect((await embedded.waitForLog(aboutEviction)).level).toBe(WARN);
    expect((await embedded.waitForLog(aboutPersistence)).level).toBe(WARN);
  }, 120_000);

  it('says nothing about Redis settings when Redis is noeviction with an append-only file', async () => {
    const redis = env.client();
    try {
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      await redis.config('SET', 'appendonly', 'yes');
    } finally {
      redis.disconnect();
    }
    const api = await env.startApi({ DATA_DIR: env.tempDir('well-configured'), BULLMQ_PREFIX: `${env.prefix}-b` });
    await waitUntil('the api to be ready', async () => ((await request(api.url, 'GET', '/ready')).status === 200 ? true : undefined));
    // The check runs when the connection is ready, before /ready can say so; give its log line a
    // moment to travel through the pipe before looking for its absence.
    await new Promise((r) => setTimeout(r, 1000));
    expect(api.lines.filter((l) => aboutEviction(l) || aboutPersistence(l))).toEqual([]);
  }, 120_000);
});
