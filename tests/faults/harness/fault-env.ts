// One fault test's world: its own redis-server (on a free port, AOF on unless asked otherwise),
// its own data dir and BullMQ prefix, the built api and worker processes it started. Faults are
// injected for real (signals to those processes); cleanup stops only what this env started.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import {
  pingRedis,
  redisServerInstalled,
  startRedisServer,
  type RedisServerHandle,
} from '../../../scripts/private-redis.mjs';
import { ensureBuilt } from '../../service/harness/build';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
  type ServiceSettings,
} from '../../service/harness/processes';
import { exitOf, type Exit } from './signals';

/**
 * Settings every fault test runs with: short locks so a killed worker's job is noticed as
 * stalled within seconds (the default 30 s would make each kill cost a minute), a tight
 * reconcile loop and a short shutdown deadline.
 */
export const FAULT_SETTINGS: Readonly<Record<string, string>> = {
  WORKER_THREADS: '1',
  WORKER_LOCK_DURATION_MS: '5000',
  WORKER_STALLED_INTERVAL_MS: '2000',
  RECONCILE_INTERVAL_MS: '1000',
  SHUTDOWN_DEADLINE_MS: '6000',
  PROGRESS_INTERVAL_MS: '200',
};

export const SHUTDOWN_DEADLINE_MS = Number(FAULT_SETTINGS.SHUTDOWN_DEADLINE_MS);

export interface FaultEnvOptions {
  /** AOF on (default true): a Redis killed with -9 comes back with its queue */
  persistent?: boolean;
}

export class FaultEnv {
  readonly processes: ServiceProcess[] = [];
  private readonly dirs: string[] = [];
  redis!: RedisServerHandle;

  private constructor(
    readonly label: string,
    readonly dataDir: string,
    readonly redisDir: string,
    readonly prefix: string,
    readonly persistent: boolean,
  ) {
    this.dirs.push(dataDir, redisDir);
  }

  /** Builds the apps if needed and starts this test's own redis-server (never the machine's). */
  static async create(label: string, options: FaultEnvOptions = {}): Promise<FaultEnv> {
    if (!redisServerInstalled())
      throw new Error('the fault tests need redis-server on the PATH: apt-get install redis-server');
    await ensureBuilt();
    const env = new FaultEnv(
      label,
      mkdtempSync(join(tmpdir(), `caretwin-fault-${label}-data-`)),
      mkdtempSync(join(tmpdir(), `caretwin-fault-${label}-redis-`)),
      `ct-fault-${label}-${randomUUID().slice(0, 8)}`,
      options.persistent ?? true,
    );
    env.redis = await startRedisServer({ dir: env.redisDir, persistent: env.persistent });
    return env;
  }

  get redisUrl(): string {
    return this.redis.url;
  }

  settings(extra: Record<string, string> = {}): ServiceSettings {
    return {
      dataDir: this.dataDir,
      redisUrl: this.redisUrl,
      prefix: this.prefix,
      extra: { ...FAULT_SETTINGS, ...extra },
    };
  }

  /** A scratch dir removed at cleanup (e.g. a worker's own data dir, or a second deployment's). */
  tempDir(label: string): string {
    const dir = mkdtempSync(join(tmpdir(), `caretwin-fault-${this.label}-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  async startApi(extra: Record<string, string> = {}): Promise<ApiProcess> {
    const api = await startApiProcess(this.settings(extra));
    this.processes.push(api);
    return api;
  }

  async startWorker(extra: Record<string, string> = {}): Promise<ServiceProcess> {
    // A worker needs no data dir of its own; give it one anyway so it never touches the api's.
    const worker = await startWorkerProcess({ ...this.settings(extra), dataDir: this.tempDir('worker') });
    this.processes.push(worker);
    return worker;
  }

  /** Registers a process this test started some other way, so cleanup stops it. */
  track<P extends ServiceProcess>(process: P): P {
    this.processes.push(process);
    return process;
  }

  /** kill -9 this env's redis-server and wait until nothing answers on its port. */
  async killRedis(): Promise<void> {
    const { pid, port } = this.redis;
    if (pid === undefined) throw new Error('redis-server pid unknown');
    process.kill(pid, 'SIGKILL');
    await this.redis.stop(); // resolves on the exit of the process just killed
    for (let i = 0; i < 50 && (await pingRedis({ port }, 200)); i++)
      await new Promise((r) => setTimeout(r, 100));
  }

  /** Starts redis-server again on the same port and dir (it reloads its AOF). */
  async restartRedis(): Promise<void> {
    this.redis = await startRedisServer({
      dir: this.redisDir,
      persistent: this.persistent,
      port: this.redis.port,
    });
  }

  /** A client of this env's Redis (the caller disconnects it). */
  client(): Redis {
    return new Redis(this.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
  }

  /** Stops every process this env started (SIGKILL after a grace), its Redis, and removes its dirs. */
  async cleanup(): Promise<Exit[]> {
    const exits = await Promise.all(
      this.processes.map(async (p) => {
        if (p.running) await p.stop(5000);
        return exitOf(p.child);
      }),
    );
    await this.redis?.stop();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    return exits;
  }
}
