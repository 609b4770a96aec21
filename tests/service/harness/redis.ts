// Each suite uses REDIS_URL when it is set, else its own redis-server on a free port in a temp
// dir. It stops only the Redis it started and, on a shared Redis, deletes only its own keys.
import { Redis } from 'ioredis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  redisServerInstalled,
  startRedisServer,
  type RedisServerHandle,
} from '../../../scripts/private-redis.mjs';

export interface TestRedis {
  url: string;
  /** true when this suite started the server (it may then stop and restart it) */
  owned: boolean;
  server?: RedisServerHandle;
  dir?: string;
  /** Deletes every key under these prefixes (never FLUSHALL), then stops an owned server. */
  release(prefixes: string[]): Promise<void>;
}

export async function acquireRedis(): Promise<TestRedis> {
  const shared = process.env.REDIS_URL;
  if (shared) {
    return { url: shared, owned: false, release: (prefixes) => deleteKeys(shared, prefixes) };
  }
  if (!redisServerInstalled())
    throw new Error(
      'the service tests need redis-server on the PATH (or REDIS_URL): apt-get install redis-server',
    );
  const dir = mkdtempSync(join(tmpdir(), 'caretwin-redis-'));
  const handle: TestRedis = {
    url: '',
    owned: true,
    server: await startRedisServer({ dir }),
    dir,
    // Stops whichever server the suite holds now (a test may have restarted it).
    release: async () => {
      await handle.server?.stop();
    },
  };
  handle.url = handle.server?.url ?? '';
  return handle;
}

async function deleteKeys(url: string, prefixes: string[]): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/** Keys a prefix holds now (to check that deployments keep apart and runs are cleaned up). */
export async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found.sort();
  } finally {
    redis.disconnect();
  }
}
