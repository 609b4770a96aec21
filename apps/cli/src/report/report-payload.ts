// The data a standalone report carries (read back by apps/dashboard/src/report/payload.ts, which
// states the same format name, version and element id): the result document without the
// per-replication series the report never draws — the aggregate keeps every band and the
// distributions need only each replication's KPIs — and, optionally, a baseline with the
// comparison b − a. A Miyagi year of 10 replications shrinks from about 3 MB to under 1 MB.
import type { Comparison, ReplicationResult } from '@caretwin/contracts';
import type { RunResultDocument } from '@caretwin/runner';

export const REPORT_FORMAT = 'caretwin-report';
export const REPORT_DATA_ID = 'caretwin-report';

type AnyResult = RunResultDocument<Record<string, unknown>>;

export interface ReportPayload {
  format: typeof REPORT_FORMAT;
  version: 1;
  generatedAt: string;
  generator: string;
  source: string;
  result: AnyResult;
  baseline?: { source: string; result: AnyResult; comparison: Comparison };
}

/** A replication with only what the report reads (the first keeps its hospitals: beds after the levers). */
function slimReplication(r: ReplicationResult, keepHospitals: boolean): ReplicationResult {
  const { warmup: _warmup, ...rest } = r;
  return {
    ...rest,
    dailyOccupancy: [],
    weeklyHospitalOccupancy: [],
    hospitals: keepHospitals ? r.hospitals : [],
  };
}

export function slimResult(doc: AnyResult): AnyResult {
  const replications = [...doc.replications].sort((a, b) => a.replication - b.replication);
  const aggregate = doc.aggregate.warmup
    ? { ...doc.aggregate, warmup: { ...doc.aggregate.warmup, series: [] } }
    : doc.aggregate;
  return { ...doc, aggregate, replications: replications.map((r, i) => slimReplication(r, i === 0)) };
}
