// How many replications a run needs. A fixed run has one round. A precision run proceeds in
// fixed rounds and decides after each on the index-ordered prefix of results, so the count
// never depends on which worker finished first (docs/architecture.md "Index-ordered aggregation").
import { aggregate } from '@caretwin/model';
import type { ReplicationResult } from '@caretwin/contracts';
import type { Scenario } from '@caretwin/scenario';

export type RunPlan =
  | { mode: 'fixed'; replications: number }
  | {
      mode: 'precision';
      /** KPI whose 95 % CI half-width decides */
      kpi: string;
      halfWidth: number;
      /** most replications to run */
      max: number;
      /** replications per round */
      roundSize: number;
    };

export function planFor(scenario: Pick<Scenario, 'replications' | 'precision'>, roundSize: number): RunPlan {
  if (scenario.precision) {
    const { kpi, halfWidth, max } = scenario.precision;
    return { mode: 'precision', kpi, halfWidth, max, roundSize: Math.max(2, roundSize) };
  }
  return { mode: 'fixed', replications: scenario.replications };
}

/** Most replications a plan can run (what progress and limits count against). */
export function maxReplications(plan: RunPlan): number {
  return plan.mode === 'fixed' ? plan.replications : plan.max;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

export function firstRound(plan: RunPlan): number[] {
  return plan.mode === 'fixed' ? range(0, plan.replications) : range(0, Math.min(plan.max, plan.roundSize));
}

export type RoundDecision = { done: true } | { done: false; next: number[] };

/** Thrown when a precision KPI is not among the replications' KPIs: no retry can help. */
export class UnknownPrecisionKpiError extends Error {
  constructor(kpi: string, known: string[]) {
    const near = known
      .filter((k) => k.toLowerCase().includes(kpi.toLowerCase().split('.').pop() ?? ''))
      .slice(0, 5);
    super(
      `precision.kpi "${kpi}" is not a KPI of this model${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    );
    this.name = 'UnknownPrecisionKpiError';
  }
}

/**
 * After a round: `results` are every replication finished so far (indices 0..n-1, any order).
 * Fixed plans are done; precision plans stop when the half-width is reached or max is hit.
 */
export function decideAfterRound(plan: RunPlan, results: ReplicationResult[]): RoundDecision {
  if (plan.mode === 'fixed') return { done: true };
  const n = results.length;
  if (n >= plan.max) return { done: true };
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const estimate = aggregate(sorted).kpis[plan.kpi];
  if (!estimate) throw new UnknownPrecisionKpiError(plan.kpi, Object.keys(sorted[0]?.kpis ?? {}));
  if (n >= 2 && estimate.halfWidth <= plan.halfWidth) return { done: true };
  return { done: false, next: range(n, Math.min(plan.max, n + plan.roundSize)) };
}
