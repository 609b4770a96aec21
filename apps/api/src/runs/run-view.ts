// What GET /api/runs and GET /api/runs/:id answer about a run (DESIGN.md: state, progress.percent,
// timings, state history).
import type { ReplicationProgress } from '@caretwin/contracts';
import type { RunSummaryRow, StateChange } from '../store/runs.repository';
import type { RunState } from './run-state';
import type { runViewSchema } from './runs.dto';
import type { z } from 'zod';

/** Live progress of a replication, as last reported by its worker (read from Redis). */
export interface ReplicationProgressView {
  replication: number;
  day: number;
  totalDays: number;
  percent: number;
  done: boolean;
}

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

const between = (from: string | null, to: string | null): number | null =>
  from && to ? Date.parse(to) - Date.parse(from) : null;

/** `percent` overrides the store's figure when the live one is fresher. */
export function toRunView(
  row: RunSummaryRow,
  history: StateChange[],
  live: ReplicationProgressView[],
  percent?: number,
): RunView {
  return {
    id: row.id,
    state: row.state,
    scenarioId: row.scenario_id,
    regionId: row.region_id,
    seed: row.seed,
    replications: {
      planned: row.replications_planned,
      completed: row.replications_done,
      max: row.replications_max,
    },
    progress: {
      percent: row.state === 'completed' ? 100 : (percent ?? row.progress_percent),
      replications: live,
    },
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    timings: {
      queuedMs: between(
        row.created_at,
        row.started_at ?? (row.finished_at && !row.started_at ? row.finished_at : null),
      ),
      runningMs: between(row.started_at, row.finished_at),
      totalMs: between(row.created_at, row.finished_at),
    },
    history,
    links: {
      self: `/api/runs/${row.id}`,
      result: row.state === 'completed' ? `/api/runs/${row.id}/result` : null,
    },
  };
}

// The documented shape (runs.dto.ts) and this one must stay the same, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const documented: Same<RunView, z.infer<typeof runViewSchema>> = true;
void documented;
