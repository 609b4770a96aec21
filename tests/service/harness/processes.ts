// Built api and worker processes for tests: explicit environment (nothing inherited but PATH and
// HOME), JSON log lines collected, stopped by their own pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build';

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export interface ServiceSettings {
  dataDir: string;
  redisUrl: string;
  /** omitted: derived from the data dir */
  prefix?: string;
  extra?: Record<string, string>;
}

export class ServiceProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly exited: Promise<number | null>;

  constructor(
    readonly kind: 'api' | 'worker',
    readonly child: ChildProcess,
  ) {
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          this.lines.push({ msg: line });
        }
        for (const wake of this.waiters) wake();
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    // `exited` only ever resolves (an exit event carries no error), so nothing is left to catch.
    void this.exited.then(() => {
      for (const wake of this.waiters) wake();
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first log line matching `predicate` (already seen or to come). */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.lines.find(predicate);
        if (found) {
          cleanup();
          resolve(found);
          return true;
        }
        if (!this.running) {
          cleanup();
          reject(
            new Error(
              `${this.kind} exited before the expected log line; stderr: ${this.stderr.join('').slice(-2000)}`,
            ),
          );
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.kind} did not log the expected line within ${timeoutMs} ms; last lines: ${JSON.stringify(this.lines.slice(-5))}`,
          ),
        );
      }, timeoutMs);
      const wake = (): void => void check();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
      check();
    });
  }

  /** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

function environment(settings: ServiceSettings): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATA_DIR: settings.dataDir,
    REDIS_URL: settings.redisUrl,
    ...(settings.prefix ? { BULLMQ_PREFIX: settings.prefix } : {}),
    WORKER_THREADS: '1',
    RECONCILE_INTERVAL_MS: '1000',
    SHUTDOWN_DEADLINE_MS: '6000',
    LOG_LEVEL: 'info',
    // a test's census days would otherwise be forecast at whatever time of day the suite runs
    FORECAST_CUTOFF: 'off',
    ...settings.extra,
  };
}

function spawnBuilt(kind: 'api' | 'worker', settings: ServiceSettings): ServiceProcess {
  const child = spawn(process.execPath, [join(ROOT, 'apps', kind, 'dist', 'main.js')], {
    cwd: ROOT,
    env: environment(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new ServiceProcess(kind, child);
}

export interface ApiProcess extends ServiceProcess {
  url: string;
  prefix: string;
}

/** Starts the built api on a free port (PORT=0) and answers once it listens. */
export async function startApiProcess(settings: ServiceSettings): Promise<ApiProcess> {
  const api = spawnBuilt('api', { ...settings, extra: { PORT: '0', ...settings.extra } });
  const listening = await api.waitForLog((l) => l.msg === 'api listening');
  return Object.assign(api, { url: listening.url as string, prefix: listening.prefix as string });
}

/** Starts a built worker and answers once it takes jobs. */
export async function startWorkerProcess(settings: ServiceSettings): Promise<ServiceProcess> {
  const worker = spawnBuilt('worker', settings);
  await worker.waitForLog((l) => l.msg === 'worker ready');
  return worker;
}
