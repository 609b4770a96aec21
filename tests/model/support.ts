// Shared by the model tests on the shipped Miyagi data: the catalog, short what-ifs that extend
// the baseline, and paired comparisons over a few replications.
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { pairedDifference } from '@caretwin/engine';
import { ScenarioCatalog } from '@caretwin/scenario';
import type { Policy, ResolvedScenario } from '@caretwin/scenario';
import type { ReplicationResult } from '@caretwin/contracts';
import { compareResults, runReplication } from '@caretwin/model';

export const ROOT = resolve(__dirname, '../..');
export const catalog = new ScenarioCatalog({
  shippedDir: join(ROOT, 'scenarios'),
  regionsDir: join(ROOT, 'scenarios/data'),
});

/** Short runs keep the suite fast; every what-if and its baseline share seed and indices. */
export const SHORT = { horizonDays: 30, warmupDays: 10 };

/** A what-if of the Miyagi baseline with these policies, on a short horizon. */
export function miyagi(
  id: string,
  policies: Policy[] = [],
  changes: Record<string, unknown> = {},
): ResolvedScenario {
  return catalog.resolve({ id, extends: 'miyagi-2025-baseline', ...SHORT, policies, ...changes });
}

export function replications(resolved: ResolvedScenario, n: number): ReplicationResult[] {
  return Array.from({ length: n }, (_, i) => runReplication(resolved, i));
}

/** Asserts that KPI `key` moves in `direction` (b − a), with a paired CI that excludes 0. */
export function expectPairedMove(
  a: ReplicationResult[],
  b: ReplicationResult[],
  key: string,
  direction: 'up' | 'down',
): void {
  const c = compareResults(a, b);
  expect(c.paired).toBe(true);
  const d = c.kpis[key];
  expect(d, key).toBeDefined();
  const msg = `${key}: ${d.a} → ${d.b} (difference ${d.difference} ± ${d.halfWidth})`;
  if (direction === 'up') expect(d.lo, msg).toBeGreaterThan(0);
  else expect(d.hi, msg).toBeLessThan(0);
}

/** The same for any per-replication figure (e.g. the admissions of a group of hospitals). */
export function expectPairedFigureMove(
  a: ReplicationResult[],
  b: ReplicationResult[],
  figure: (r: ReplicationResult) => number,
  direction: 'up' | 'down',
  label: string,
): void {
  const d = pairedDifference(a.map(figure), b.map(figure));
  const msg = `${label}: difference ${d.mean} ± ${d.halfWidth}`;
  if (direction === 'up') expect(d.lo, msg).toBeGreaterThan(0);
  else expect(d.hi, msg).toBeLessThan(0);
}

/** Asserts that KPI `key` does not move: the paired 95 % CI of b − a contains 0. */
export function expectPairedUnchanged(a: ReplicationResult[], b: ReplicationResult[], key: string): void {
  const c = compareResults(a, b);
  expect(c.paired).toBe(true);
  const d = c.kpis[key];
  expect(d, key).toBeDefined();
  const msg = `${key}: ${d.a} → ${d.b} (difference ${d.difference} ± ${d.halfWidth})`;
  expect(d.lo, msg).toBeLessThanOrEqual(0);
  expect(d.hi, msg).toBeGreaterThanOrEqual(0);
}
