// @nestjs/throttler's storage on the api's own Redis connection, so a limit holds across every
// api instance sharing the Redis (the default storage counts per process).
//
// Why not @nest-lab/throttler-storage-redis (1.2.0): it declares peer @nestjs/common and
// @nestjs/core ≤ 11, so `npm ci` refuses it next to Nest 12 (ERESOLVE) without an `overrides`
// entry; it sends its script with EVAL on every request and writes keys without our BULLMQ_PREFIX.
// The whole storage is the one script below.
//
// Fixed windows: the first hit of a window sets its expiry; a hit over the limit blocks the key
// for `blockDuration` (the guard passes the window length), during which hits are not counted.
// Times go out in seconds, rounded up (Retry-After), as the ThrottlerStorage contract says.
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { withTimeout } from '../queue/with-timeout';

/** A rate-limit check never holds a request longer than this (the guard lets it pass then). */
const CALL_TIMEOUT_MS = 1000;

/** KEYS: hits, blocked. ARGV: window ms, limit, block ms. Returns hits, window ms left, blocked 0|1, block ms left. */
export const THROTTLE_LUA = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  local left = redis.call('PTTL', KEYS[1])
  if left < 0 then left = 0 end
  return { hits, left, 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], hits, 'PX', ARGV[3])
  return { hits, left, 1, tonumber(ARGV[3]) }
end
return { hits, left, 0, 0 }
`;

/** What increment answers (the record type is not exported by @nestjs/throttler's index). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

type ThrottlingRedis = Redis & {
  caretwinThrottle(
    hits: string,
    blocked: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<number[]>;
};

/** The Redis keys of one throttler key (the hash tag keeps both on one cluster slot). */
export function throttleKeys(prefix: string, key: string): { hits: string; blocked: string } {
  const base = `${prefix}:caretwin:throttle:{${key}}`;
  return { hits: `${base}:hits`, blocked: `${base}:blocked` };
}

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: ThrottlingRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand sends EVALSHA and loads the script again after a Redis restart (NOSCRIPT).
    if (!('caretwinThrottle' in redis))
      redis.defineCommand('caretwinThrottle', { numberOfKeys: 2, lua: THROTTLE_LUA });
    this.redis = redis as ThrottlingRedis;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const keys = throttleKeys(this.prefix, `${throttlerName}:${key}`);
    const reply = await withTimeout(
      this.redis.caretwinThrottle(
        keys.hits,
        keys.blocked,
        Math.max(1, Math.round(ttl)),
        limit,
        Math.max(1, Math.round(blockDuration)),
      ),
      CALL_TIMEOUT_MS,
      'rate limit',
    );
    const [totalHits, windowLeftMs, blocked, blockLeftMs] = reply.map(Number);
    return {
      totalHits,
      timeToExpire: Math.ceil(windowLeftMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockLeftMs / 1000),
    };
  }
}
