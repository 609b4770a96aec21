// The BUILT product for browser tests: a private redis-server (no persistence) on a free port,
// a temporary data dir, and `node scripts/start.mjs` (api + worker in one process) on a free
// port. Everything is stopped by its own handle; nothing else is touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServerHandle } from '../../scripts/private-redis.mjs';
import { ensureBuilt, ROOT } from '../service/harness/build';

/** Newest modification time under a directory (files only). */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return time;
}

/** Builds the apps when sources changed, and the dashboard bundle when its sources (CSS and HTML too) are newer. */
export async function ensureProductBuilt(): Promise<void> {
  await ensureBuilt();
  const dashboard = join(ROOT, 'apps', 'dashboard');
  const index = join(dashboard, 'dist', 'index.html');
  const sources = Math.max(newest(join(dashboard, 'src')), statSync(join(dashboard, 'index.html')).mtimeMs);
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync('npm', ['run', 'build', '--silent', '-w', 'apps/dashboard'], { cwd: ROOT, stdio: 'ignore' });
  }
}

export interface Product {
  url: string;
  /** its DATA_DIR (e.g. for `caretwin token create --data-dir`) */
  dataDir: string;
  logs: string[];
  stop(): Promise<void>;
}

/** `env`: settings on top of the defaults below (e.g. AUTH_MODE=tokens). */
export async function startProduct(env: Record<string, string> = {}): Promise<Product> {
  const dir = mkdtempSync(join(tmpdir(), 'caretwin-e2e-'));
  let redis: RedisServerHandle | undefined;
  let child: ChildProcess | undefined;
  const logs: string[] = [];
  const stop = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      const kill = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    }
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    redis = await startRedisServer({ dir: join(dir, 'redis') });
    child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        DATA_DIR: join(dir, 'data'),
        REDIS_URL: redis.url,
        REDIS_START_PRIVATE: 'never',
        PORT: '0',
        WORKER_THREADS: '2',
        LOG_LEVEL: 'info',
        // the tests' census days would otherwise be forecast at whatever time of day they run
        FORECAST_CUTOFF: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(
        () => reject(new Error(`the product did not listen within 60 s; log: ${logs.slice(-5).join('\n')}`)),
        // Start-up resolves Miyagi for the census and the forecasts: ~33 s seen at load 15.
        60_000,
      );
      child?.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          logs.push(line);
          try {
            const parsed = JSON.parse(line) as { msg?: string; url?: string };
            if (parsed.msg === 'api listening' && parsed.url) {
              clearTimeout(timer);
              resolve(parsed.url);
            }
          } catch {
            // not a JSON log line (e.g. a plain error message): kept in logs
          }
        }
      });
      child?.stderr?.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
      child?.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the product exited (${code}) before listening; log: ${logs.slice(-5).join('\n')}`));
      });
    });
    return { url, dataDir: join(dir, 'data'), logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
