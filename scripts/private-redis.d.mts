// Types of private-redis.mjs for the TypeScript tests that start their own Redis.
export interface RedisServerHandle {
  url: string;
  port: number;
  pid?: number;
  stop(graceMs?: number): Promise<void>;
}
export function redisServerInstalled(): boolean;
export function pingRedis(target: { host?: string; port: number }, timeoutMs?: number): Promise<boolean>;
export function freePort(): Promise<number>;
export function startRedisServer(options: {
  dir: string;
  persistent?: boolean;
  port?: number;
  detached?: boolean;
}): Promise<RedisServerHandle>;
export function ensurePrivateRedis(dataDir: string): Promise<RedisServerHandle & { adopted: boolean }>;
