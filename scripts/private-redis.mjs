// A private redis-server for `npm start` (under the data dir, with AOF so queued work survives a
// restart) and for tests (temporary dir, no persistence). Stops only what it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

/** True when `redis-server` is on the PATH. */
export function redisServerInstalled() {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Answers whether a Redis at host:port says PONG within `timeoutMs` (no client library needed). */
export function pingRedis({ host = '127.0.0.1', port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = '';
    const done = (ok) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    // -NOAUTH also proves a Redis is there (it needs a password from REDIS_URL).
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
    socket.on('error', () => done(false));
  });
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(port, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) return false;
    if (await pingRedis({ port }, 300)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/**
 * Starts redis-server on a free loopback port in `dir`. `persistent` turns AOF on (npm start);
 * tests run without persistence. Returns { url, port, stop() }.
 */
export async function startRedisServer({ dir, persistent = false, port, detached = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const chosen = port ?? (await freePort());
  const args = [
    '--port',
    String(chosen),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    persistent ? 'yes' : 'no',
    '--maxmemory-policy',
    'noeviction',
    '--pidfile',
    join(dir, 'redis.pid'),
    '--logfile',
    join(dir, 'redis.log'),
  ];
  // detached: its own process group, so a Ctrl-C meant for npm start does not stop Redis before
  // the workers have handed their jobs back (npm start stops it last).
  const child = spawn('redis-server', args, { stdio: 'ignore', detached });
  if (!(await waitForPing(chosen, child, 10_000))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${chosen} (see ${join(dir, 'redis.log')})`);
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid,
    /** Stops this redis-server (SIGTERM; it writes its AOF first), SIGKILL after `graceMs`. */
    stop(graceMs = 3000) {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

/**
 * `npm start`'s Redis under DATA_DIR/redis: the one a previous start left running (its port is
 * recorded beside the AOF), else a new one. Two Redis processes never share one AOF.
 */
export async function ensurePrivateRedis(dataDir) {
  const dir = join(dataDir, 'redis');
  const portFile = join(dir, 'redis.port');
  if (existsSync(portFile)) {
    const port = Number(readFileSync(portFile, 'utf8').trim());
    if (Number.isInteger(port) && port > 0 && (await pingRedis({ port }, 500))) {
      return { url: `redis://127.0.0.1:${port}`, port, adopted: true, stop: () => stopByPort(port) };
    }
  }
  const server = await startRedisServer({ dir, persistent: true, detached: true });
  writeFileSync(portFile, `${server.port}\n`);
  return { ...server, adopted: false };
}

/** Asks a Redis we adopted (not our child) to shut down, keeping its AOF. */
function stopByPort(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.on('connect', () => socket.end('*1\r\n$8\r\nSHUTDOWN\r\n'));
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, 3000).unref();
  });
}
