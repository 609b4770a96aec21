// The thread pool the worker and the CLI share, on the built thread entry and the real model.
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '@caretwin/model';
import { ScenarioCatalog } from '@caretwin/scenario';
import {
  ReplicationFailedError,
  ReplicationPool,
  ReplicationStoppedError,
  type ReplicationProgress,
} from '../../libs/runner/src/pool';
import { toRunInput, type RunInput } from '../../libs/runner/src/run-input';
import { ensureBuilt, ROOT } from './harness/build';

describe('ReplicationPool', () => {
  let pool: ReplicationPool;
  let input: RunInput;
  const catalog = new ScenarioCatalog({
    shippedDir: join(ROOT, 'scenarios'),
    regionsDir: join(ROOT, 'scenarios', 'data'),
  });
  const resolved = catalog.resolve(
    { id: 'pool-test', extends: 'miyagi-2025-baseline', horizonDays: 20, warmupDays: 3, seed: 5 },
    { file: '<test>' },
  );

  beforeAll(async () => {
    await ensureBuilt();
    pool = new ReplicationPool({ threads: 2, progressIntervalMs: 0 });
    input = JSON.parse(JSON.stringify(toRunInput(resolved))) as RunInput; // as it arrives through BullMQ
  }, 180_000);

  afterAll(() => pool?.destroy());

  it('returns on a thread exactly what the model returns in-process, and relays every simulated day once, in order', async () => {
    const reports: ReplicationProgress[] = [];
    const onThread = await pool.run({ input, replicationIndex: 1 }, { onProgress: (p) => reports.push(p) });
    expect(onThread).toEqual(JSON.parse(JSON.stringify(runReplication(resolved, 1))));
    const days = reports.flatMap((r) => r.snapshots.map((s) => s.day));
    expect(days).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(reports.at(-1)?.percent).toBe(100);
  }, 120_000);

  it('stops a replication at its next simulated day when its signal aborts', async () => {
    const controller = new AbortController();
    const long = JSON.parse(
      JSON.stringify(
        toRunInput(
          catalog.resolve(
            { id: 'pool-long', extends: 'miyagi-2025-baseline', horizonDays: 3000, warmupDays: 0 },
            { file: '<test>' },
          ),
        ),
      ),
    ) as RunInput;
    let lastDay = 0;
    const running = pool.run(
      { input: long, replicationIndex: 0 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          lastDay = p.day;
          if (p.day >= 2) controller.abort(new Error('test stop'));
        },
      },
    );
    await expect(running).rejects.toBeInstanceOf(ReplicationStoppedError);
    expect(lastDay).toBeLessThan(3000);
  }, 120_000);

  it('runs the model at the pool’s lower priority on its own threads, leaving the caller’s thread as it was', async () => {
    // Linux keeps a nice value per thread (field 19 of /proc/<pid>/task/<tid>/stat)
    const niceOfThreads = (): number[] =>
      readdirSync('/proc/self/task').flatMap((tid) => {
        try {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
        } catch {
          return []; // a thread that ended meanwhile
        }
      });
    const own = getPriority();
    const nice = Math.min(19, own + 7);
    const before = niceOfThreads().filter((n) => n === nice).length;
    const low = new ReplicationPool({ threads: 1, nice });
    try {
      const result = await low.run({ input, replicationIndex: 2 });
      expect(result).toEqual(JSON.parse(JSON.stringify(runReplication(resolved, 2))));
      expect(niceOfThreads().filter((n) => n === nice).length).toBe(before + 1);
      expect(getPriority()).toBe(own);
    } finally {
      await low.destroy();
    }
  }, 120_000);

  it('reports a replication the model cannot run as failed, not to be retried', async () => {
    const broken = { ...input, region: { ...input.region, hospitals: null } } as unknown as RunInput;
    await expect(pool.run({ input: broken, replicationIndex: 0 })).rejects.toBeInstanceOf(
      ReplicationFailedError,
    );
  }, 60_000);
});
