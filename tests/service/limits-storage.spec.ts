// The rate limits' Redis storage (apps/api/src/limits/redis-throttler.storage.ts) on a real
// redis-server: fixed windows, the block, seconds for Retry-After, keys under the prefix, and
// two storages (two api instances) counting into the same window.
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisThrottlerStorage, throttleKeys } from '../../apps/api/src/limits/redis-throttler.storage';
import { acquireRedis, keysUnder, type TestRedis } from './harness/redis';

describe('the rate limits counted in Redis', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  const prefix = `ct-limits-${randomUUID().slice(0, 8)}`;
  const client = (): Redis => {
    const c = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await acquireRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis?.release([prefix]);
  });

  it('counts hits in a window and blocks the one over the limit for the block duration', async () => {
    const storage = new RedisThrottlerStorage(client(), prefix);
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await storage.increment('k1', 60_000, 3, 30_000, 'runs'));
    expect(hits.map((h) => h.totalHits)).toEqual([1, 2, 3, 4]);
    expect(hits.map((h) => h.isBlocked)).toEqual([false, false, false, true]);
    expect(hits[0].timeToExpire).toBeGreaterThan(50);
    expect(hits[0].timeToExpire).toBeLessThanOrEqual(60);
    expect(hits[3].timeToBlockExpire).toBe(30);
    // while blocked, hits are not counted and the block runs down
    const blocked = await storage.increment('k1', 60_000, 3, 30_000, 'runs');
    expect(blocked).toMatchObject({ isBlocked: true, totalHits: 4 });
    expect(blocked.timeToBlockExpire).toBeLessThanOrEqual(30);
  });

  it('keeps limits of different names and keys apart, under the deployment prefix', async () => {
    const storage = new RedisThrottlerStorage(client(), prefix);
    await storage.increment('k2', 60_000, 1, 60_000, 'default');
    const other = await storage.increment('k2', 60_000, 1, 60_000, 'validations');
    const otherKey = await storage.increment('k3', 60_000, 1, 60_000, 'default');
    expect(other).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(otherKey).toMatchObject({ totalHits: 1, isBlocked: false });
    const keys = await keysUnder(redis.url, prefix);
    expect(keys).toContain(throttleKeys(prefix, 'default:k2').hits);
    expect(keys.every((k) => k.startsWith(`${prefix}:caretwin:throttle:`))).toBe(true);
  });

  it('lets the window end: a short window starts again from one hit', async () => {
    const storage = new RedisThrottlerStorage(client(), prefix);
    await storage.increment('k4', 200, 1, 200, 'default');
    expect((await storage.increment('k4', 200, 1, 200, 'default')).isBlocked).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(await storage.increment('k4', 200, 1, 200, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('counts two api instances (two connections) into one window', async () => {
    const a = new RedisThrottlerStorage(client(), prefix);
    const b = new RedisThrottlerStorage(client(), prefix);
    const replies = await Promise.all([
      a.increment('shared', 60_000, 5, 60_000, 'runs'),
      b.increment('shared', 60_000, 5, 60_000, 'runs'),
      a.increment('shared', 60_000, 5, 60_000, 'runs'),
      b.increment('shared', 60_000, 5, 60_000, 'runs'),
      a.increment('shared', 60_000, 5, 60_000, 'runs'),
      b.increment('shared', 60_000, 5, 60_000, 'runs'),
    ]);
    expect(replies.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(replies.filter((r) => r.isBlocked)).toHaveLength(1);
  });

  it('fails fast while Redis is away (the guard then lets the request pass)', async () => {
    const away = new Redis({
      port: 1,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    clients.push(away);
    const storage = new RedisThrottlerStorage(away, prefix);
    const started = Date.now();
    await expect(storage.increment('k6', 60_000, 1, 60_000, 'default')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('loads its script again after Redis forgets it (SCRIPT FLUSH, as after a restart)', async () => {
    const c = client();
    const storage = new RedisThrottlerStorage(c, prefix);
    await storage.increment('k5', 60_000, 10, 60_000, 'default');
    await c.script('FLUSH');
    expect((await storage.increment('k5', 60_000, 10, 60_000, 'default')).totalHits).toBe(2);
  });
});
