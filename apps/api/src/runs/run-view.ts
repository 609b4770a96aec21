// GET /api/runs and GET /api/runs/:id answer a run as the RunView of libs/contracts (state,
// progress.percent, timings, state history); this maps the store's record onto it.
import type {
  ReplicationProgress,
  ReplicationProgressView,
  RunStateChange,
  RunView,
} from '@caretwin/contracts';
import type { RunSummary } from '../store/runs.repository';

export function toReplicationView(p: ReplicationProgress): ReplicationProgressView {
  const percent = p.done ? 100 : p.totalDays > 0 ? Math.min(100, (100 * p.day) / p.totalDays) : 0;
  return {
    replication: p.index,
    day: p.day,
    totalDays: p.totalDays,
    percent: Math.round(percent * 10) / 10,
    done: p.done,
  };
}

const between = (from: string | null, to: string | null): number | null =>
  from && to ? Date.parse(to) - Date.parse(from) : null;

/** `percent` overrides the store's figure when the live one is fresher. */
export function toRunView(
  run: RunSummary,
  history: RunStateChange[],
  live: ReplicationProgressView[],
  percent?: number,
): RunView {
  return {
    id: run.id,
    state: run.state,
    scenarioId: run.scenarioId,
    regionId: run.regionId,
    seed: run.seed,
    replications: {
      planned: run.replicationsPlanned,
      completed: run.replicationsDone,
      max: run.replicationsMax,
    },
    progress: {
      percent: run.state === 'completed' ? 100 : (percent ?? run.progressPercent),
      replications: live,
    },
    error: run.error,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    timings: {
      queuedMs: between(
        run.createdAt,
        run.startedAt ?? (run.finishedAt && !run.startedAt ? run.finishedAt : null),
      ),
      runningMs: between(run.startedAt, run.finishedAt),
      totalMs: between(run.createdAt, run.finishedAt),
    },
    history,
    links: {
      self: `/api/runs/${run.id}`,
      result: run.state === 'completed' ? `/api/runs/${run.id}/result` : null,
    },
  };
}
