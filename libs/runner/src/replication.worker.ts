// Worker-thread entry of ReplicationPool: runs one replication of the model and relays its
// daily snapshots in batches at a bounded rate. The thread keeps the last decoded scenarios,
// so the model's per-scenario precomputation is shared by the replications of one run.
import { getPriority, setPriority } from 'node:os';
import { threadId } from 'node:worker_threads';
import Piscina from 'piscina';
import { runReplication } from '@caretwin/model';
import type { DaySnapshot } from '@caretwin/contracts';
import type { ResolvedScenario } from '@caretwin/scenario';
import {
  STOP_FLAG,
  type ThreadOutcome,
  type ThreadProgress,
  type ThreadSettings,
  type ThreadTask,
} from './protocol';
import { fromRunInput } from './run-input';

const CACHE_SIZE = 2;
const cache = new Map<string, ResolvedScenario>();

function resolvedFor(task: ThreadTask): ResolvedScenario {
  const hit = cache.get(task.inputKey);
  if (hit) {
    cache.delete(task.inputKey);
    cache.set(task.inputKey, hit);
    return hit;
  }
  const resolved = fromRunInput(task.input);
  cache.set(task.inputKey, resolved);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return resolved;
}

let prioritySet = false;

/**
 * Once per thread: lower this thread (Linux keeps a nice value per thread; pid 0 is the calling
 * thread) to the pool's priority. Never raises one; a refusal leaves the thread as it is.
 */
function lowerPriority(): void {
  if (prioritySet) return;
  prioritySet = true;
  const { nice } = (Piscina.workerData ?? { nice: 0 }) as ThreadSettings;
  try {
    if (nice > getPriority()) setPriority(nice);
  } catch {
    // not permitted here: the model runs at its starter's priority
  }
}

export default function runTask(task: ThreadTask): ThreadOutcome {
  lowerPriority();
  const control = new Int32Array(task.control);
  let pending: DaySnapshot[] = [];
  let lastDay = 0;
  let lastSent = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const message: ThreadProgress = { day: lastDay, snapshots: pending };
    task.port.postMessage(message);
    pending = [];
    lastSent = performance.now();
  };
  try {
    const resolved = resolvedFor(task);
    const result = runReplication(resolved, task.replicationIndex, {
      onDay: (day, snapshot) => {
        lastDay = day;
        pending.push(snapshot);
        if (performance.now() - lastSent >= task.progressIntervalMs) flush();
      },
      shouldStop: () => Atomics.load(control, STOP_FLAG) === 1,
    });
    flush();
    return { ok: true, result, stopped: Atomics.load(control, STOP_FLAG) === 1, threadId };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
  } finally {
    task.port.close();
  }
}
