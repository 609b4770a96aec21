// Times Miyagi baseline replications of one simulated year (after the scenario's warm-up) in
// this process, warm and cold. Run: `npx tsx bench/model.bench.ts [replications]`.
// The CLI's bench (issue 6) adds worker threads, events/s across workers and memory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ScenarioCatalog } from '@caretwin/scenario';
import { runReplication } from '@caretwin/model';

const root = resolve(__dirname, '..');
const shippedDir = join(root, 'scenarios');
if (!existsSync(join(shippedDir, 'miyagi-2025-baseline.yaml'))) {
  console.log('model bench: scenarios/miyagi-2025-baseline.yaml not found; nothing to time');
  process.exit(0);
}
const catalog = new ScenarioCatalog({ shippedDir, regionsDir: join(shippedDir, 'data') });
const resolved = catalog.resolve({ id: 'bench-miyagi-year', extends: 'miyagi-2025-baseline', horizonDays: 365 });
const replications = Number(process.argv[2] ?? 4);
const { warmupDays, horizonDays } = resolved.scenario;
console.log(`Miyagi baseline: ${warmupDays} warm-up + ${horizonDays} days, ${replications} replications, one thread`);
const times: number[] = [];
for (let i = 0; i < replications; i++) {
  const t0 = performance.now();
  const result = runReplication(resolved, i);
  const ms = performance.now() - t0;
  times.push(ms);
  const events = result.kpis['events'];
  console.log(
    `replication ${i}: ${ms.toFixed(0)} ms, ${events} events, ${((events / ms) * 1000 / 1e6).toFixed(2)} M events/s, ` +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
}
const warm = times.slice(1);
if (warm.length > 0) console.log(`warm mean ${(warm.reduce((a, b) => a + b, 0) / warm.length).toFixed(0)} ms per replication-year`);
