// A throwaway deployment of the service for the benchmark: its own redis-server (AOF on, as
// `npm start` runs it) on a free port in a temp dir, the BUILT api and worker processes with the
// default settings except where a figure needs otherwise, and what /proc says about them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@caretwin/config';
import { startRedisServer, type RedisServerHandle } from '../scripts/private-redis.mjs';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
} from '../tests/service/harness/processes';

/** Linux clock ticks per second (USER_HZ), the unit of utime and stime in /proc/<pid>/stat. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, in parentheses): utime is the 14th field.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Resident set size of a process now, in MiB. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * The model threads' priority for a benchmark's workers: `--worker-nice N` (0 = the worker's own
 * priority, as before WORKER_NICE), else the shipped default (config/default.yaml, 10).
 */
export function workerNice(args: readonly string[]): number {
  const at = args.indexOf('--worker-nice');
  if (at < 0) return loadConfig({ env: {} }).worker.nice;
  const nice = Number(args[at + 1]);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new Error('--worker-nice takes 0–19');
  return nice;
}

export class BenchDeployment {
  readonly workers: ServiceProcess[] = [];

  private constructor(
    private readonly dir: string,
    readonly redis: RedisServerHandle,
    readonly api: ApiProcess,
    private readonly settings: {
      dataDir: string;
      redisUrl: string;
      prefix: string;
      extra: Record<string, string>;
    },
  ) {}

  /** Redis and the api; workers come with addWorkers (so a run can be queued before any starts). */
  static async start(label: string, extra: Record<string, string> = {}): Promise<BenchDeployment> {
    const dir = mkdtempSync(join(tmpdir(), `caretwin-bench-${label}-`));
    const redis = await startRedisServer({ dir: join(dir, 'redis'), persistent: true });
    const settings = {
      dataDir: join(dir, 'data'),
      redisUrl: redis.url,
      prefix: `ct-bench-${label}`,
      // The shipped defaults, except one replication thread per worker process (the figures
      // are per process).
      extra: {
        NODE_ENV: 'production',
        RECONCILE_INTERVAL_MS: '15000',
        SHUTDOWN_DEADLINE_MS: '10000',
        WORKER_THREADS: '1',
        LOG_LEVEL: 'info',
        ...extra,
      },
    };
    const api = await startApiProcess(settings);
    return new BenchDeployment(dir, redis, api, settings);
  }

  async addWorkers(n: number): Promise<ServiceProcess[]> {
    const started = await Promise.all(Array.from({ length: n }, () => startWorkerProcess(this.settings)));
    this.workers.push(...started);
    return started;
  }

  get prefix(): string {
    return this.settings.prefix;
  }

  /** CPU used so far by the api and by the worker processes together, in ms. */
  cpuMs(): { api: number; workers: number } {
    const of = (p: ServiceProcess): number => (p.running ? cpuMs(p.pid) : 0);
    return { api: of(this.api), workers: this.workers.reduce((sum, p) => sum + of(p), 0) };
  }

  async stop(): Promise<void> {
    await Promise.all([this.api, ...this.workers].map((p) => p.stop()));
    await this.redis.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
