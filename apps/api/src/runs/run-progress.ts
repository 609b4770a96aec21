// A run's percent from its replications: stored ones and those a worker reported done count
// whole, running ones by their simulated day. 100 % belongs to a completed run only (aggregation
// and storing still follow the last simulated day).
import type { ReplicationProgress } from '@caretwin/contracts';

export function runPercent(
  planned: number,
  stored: ReadonlySet<number>,
  replications: ReplicationProgress[],
): number {
  let done = stored.size;
  let most = stored.size;
  for (const r of replications) {
    most = Math.max(most, r.index + 1);
    if (stored.has(r.index)) continue;
    done += r.done ? 1 : r.totalDays > 0 ? Math.min(1, r.day / r.totalDays) : 0;
  }
  const percent = Math.min(99, (100 * done) / Math.max(1, planned, most));
  return Math.round(percent * 10) / 10;
}
