// What GET /api/runs and GET /api/runs/:id answer about a run (DESIGN.md: state, progress.percent,
// timings, state history).
import type { RunSummaryRow, StateChange } from '../store/runs.repository';
import type { ReplicationProgressView } from './run-lifecycle.service';
import type { RunState } from './run-state';

export interface RunView {
  id: string;
  state: RunState;
  scenarioId: string;
  regionId: string;
  seed: number;
  replications: { planned: number; completed: number; max: number };
  progress: { percent: number; replications: ReplicationProgressView[] };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timings: { queuedMs: number | null; runningMs: number | null; totalMs: number | null };
  history: StateChange[];
  links: { self: string; result: string | null };
}

const between = (from: string | null, to: string | null): number | null => (from && to ? Date.parse(to) - Date.parse(from) : null);

export function toRunView(row: RunSummaryRow, history: StateChange[], live: ReplicationProgressView[]): RunView {
  return {
    id: row.id,
    state: row.state,
    scenarioId: row.scenario_id,
    regionId: row.region_id,
    seed: row.seed,
    replications: { planned: row.replications_planned, completed: row.replications_done, max: row.replications_max },
    progress: { percent: row.state === 'completed' ? 100 : row.progress_percent, replications: live },
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    timings: {
      queuedMs: between(row.created_at, row.started_at ?? (row.finished_at && !row.started_at ? row.finished_at : null)),
      runningMs: between(row.started_at, row.finished_at),
      totalMs: between(row.created_at, row.finished_at),
    },
    history,
    links: { self: `/api/runs/${row.id}`, result: row.state === 'completed' ? `/api/runs/${row.id}/result` : null },
  };
}
