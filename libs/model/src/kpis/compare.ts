// Baseline a versus what-if b, KPI by KPI (difference b − a with its 95 % CI). Paired on
// common random numbers when both runs share the seed and the same replication indices
// (docs/architecture.md "Statistics"); otherwise Welch's unpaired interval, and the note says why.
import { pairedDifference, welchDifference } from '@caretwin/engine';
import { practicallySignificant, practicalThreshold } from '@caretwin/contracts';
import type { Comparison, KpiDifference, ReplicationResult } from '@caretwin/contracts';
import { AggregateError, commonKpiKeys, sortedByIndex } from './aggregate';

function describe(rs: ReplicationResult[]): { scenarioId: string; seed: number; replications: number } {
  return { scenarioId: rs[0].scenarioId, seed: rs[0].seed, replications: rs.length };
}

export function compareResults(a: ReplicationResult[], b: ReplicationResult[]): Comparison {
  if (a.length === 0 || b.length === 0)
    throw new AggregateError('compareResults needs replications on both sides');
  const ra = sortedByIndex(a);
  const rb = sortedByIndex(b);
  const sameSeed = ra[0].seed === rb[0].seed;
  const sameIndices = ra.length === rb.length && ra.every((r, i) => r.replication === rb[i].replication);
  const paired = sameSeed && sameIndices && ra.length >= 2;
  let note: string;
  if (paired)
    note = `paired on common random numbers: seed ${ra[0].seed}, replications ${ra.map((r) => r.replication).join(',')}`;
  else if (!sameSeed)
    note = `unpaired (Welch): the runs use different seeds (${ra[0].seed} and ${rb[0].seed})`;
  else if (!sameIndices)
    note = `unpaired (Welch): the runs have different replications (${ra.length} and ${rb.length})`;
  else note = 'unpaired (Welch): a paired interval needs at least two replications';

  const keysB = new Set(commonKpiKeys(rb));
  const kpis: Record<string, KpiDifference> = {};
  for (const key of commonKpiKeys(ra)) {
    if (!keysB.has(key)) continue;
    const xa = ra.map((r) => r.kpis[key]);
    const xb = rb.map((r) => r.kpis[key]);
    const ma = xa.reduce((s, x) => s + x, 0) / xa.length;
    const mb = xb.reduce((s, x) => s + x, 0) / xb.length;
    const d = paired ? pairedDifference(xa, xb) : welchDifference(xa, xb);
    const halfWidth = Number.isFinite(d.halfWidth) ? d.halfWidth : 0;
    const diff = mb - ma;
    const lo = Number.isFinite(d.lo) ? d.lo : diff;
    const hi = Number.isFinite(d.hi) ? d.hi : diff;
    const significant = Number.isFinite(d.halfWidth) && (lo > 0 || hi < 0);
    kpis[key] = {
      a: ma,
      b: mb,
      difference: diff,
      halfWidth,
      lo,
      hi,
      significant,
      // 有意 in outputs needs the practical threshold too (issue 16)
      threshold: practicalThreshold(key, ma),
      practical: practicallySignificant(key, { a: ma, difference: diff, significant }),
    };
  }
  return { paired, method: paired ? 'paired' : 'welch', note, a: describe(ra), b: describe(rb), kpis };
}
