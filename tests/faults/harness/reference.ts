// The undisturbed result of a fault test's run, computed with the model's own functions in this
// process (the service's result must equal it outside `execution`). Cached on disk under a key
// over the scenario and every source and data file that could change it, so the fault suites
// (separate processes) compute it once between them.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { aggregate, runReplication } from '@caretwin/model';
import { ScenarioCatalog } from '@caretwin/scenario';
import { buildRunResult } from '../../../libs/runner/src/result';
import { toRunInput } from '../../../libs/runner/src/run-input';
import { ROOT } from '../../service/harness/build';

/**
 * The fault tests' run: Miyagi's baseline, long enough per replication (a few seconds) that a
 * kill lands mid-replication, short enough for CI. Warm start, so a 5-day warm-up suffices.
 */
export const FAULT_SCENARIO = {
  id: 'fault-miyagi',
  extends: 'miyagi-2025-baseline',
  horizonDays: 300,
  warmupDays: 5,
  replications: 3,
  seed: 5,
};

/**
 * Longer replications (several seconds even on a fast, idle machine) for the test whose fault
 * must land well before a replication would end by itself (a worker's hand-back on SIGTERM).
 */
export const LONG_FAULT_SCENARIO = {
  ...FAULT_SCENARIO,
  id: 'fault-miyagi-long',
  horizonDays: 1200,
  replications: 2,
};

export type ScenarioDocument = Record<string, unknown> & { id: string; replications: number };

/** A result document without its `execution` block (what must not depend on how it ran). */
export type Comparable = Record<string, unknown>;

export function withoutExecution(doc: Record<string, unknown>): Comparable {
  const { execution: _execution, ...rest } = doc;
  return rest;
}

const CACHE = join(ROOT, 'node_modules', '.cache', 'caretwin-faults');
const INPUT_DIRS = [
  'libs/engine/src',
  'libs/model/src',
  'libs/scenario/src',
  'libs/runner/src',
  'libs/contracts/src',
  'scenarios',
];

function cacheKey(scenario: ScenarioDocument): string {
  const hash = createHash('sha256').update(JSON.stringify(scenario));
  for (const dir of INPUT_DIRS) {
    const files = readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.spec.ts'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 24);
}

function compute(scenario: ScenarioDocument): Comparable {
  const catalog = new ScenarioCatalog({
    shippedDir: join(ROOT, 'scenarios'),
    regionsDir: join(ROOT, 'scenarios', 'data'),
  });
  const resolved = catalog.resolve({ ...scenario }, { file: '<request>' });
  const replications = Array.from({ length: scenario.replications }, (_, i) => runReplication(resolved, i));
  const doc = buildRunResult(toRunInput(resolved), replications, {}, aggregate(replications));
  // Through JSON, as the service's answer comes.
  return withoutExecution(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>);
}

/** The undisturbed result of `scenario` (from the cache when another suite computed it already). */
export async function referenceResult(scenario: ScenarioDocument): Promise<Comparable> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${cacheKey(scenario)}.json`);
  const lock = `${file}.lock`;
  while (!existsSync(file)) {
    try {
      mkdirSync(lock);
    } catch {
      // Another suite is computing it; a lock older than 5 minutes belongs to a suite that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
      else await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!existsSync(file)) {
        writeFileSync(`${file}.tmp`, JSON.stringify(compute(scenario)));
        renameSync(`${file}.tmp`, file);
      }
    } finally {
      rmdirSync(lock);
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Comparable;
}
