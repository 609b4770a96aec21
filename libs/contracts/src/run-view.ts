// What the REST api answers about runs (GET /api/runs, GET /api/runs/:id, DELETE /api/runs/:id):
// the api builds it from its store (apps/api toRunView), the dashboard, the tests and the
// benchmarks read it. Types only; the api's OpenAPI schema (runs.dto.ts) is checked equal to it.
import type { RunState } from './domain';
import type { Estimate } from './result';

/** Live progress of one replication, as its worker last reported it (read from Redis). */
export interface ReplicationProgressView {
  replication: number;
  /** simulated days completed, warm-up included */
  day: number;
  totalDays: number;
  /** 0–100, one decimal */
  percent: number;
  done: boolean;
}

/** One step of a run's state history. */
export interface RunStateChange {
  state: RunState;
  at: string;
  reason: string | null;
}

export interface RunView {
  id: string;
  state: RunState;
  scenarioId: string;
  regionId: string;
  seed: number;
  replications: { planned: number; completed: number; max: number };
  /** percent is 0–100, 100 only once completed; replications only while the run is active */
  progress: { percent: number; replications: ReplicationProgressView[] };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timings: { queuedMs: number | null; runningMs: number | null; totalMs: number | null };
  /** empty in lists (GET /api/runs), the whole history for one run */
  history: RunStateChange[];
  links: { self: string; result: string | null };
  /**
   * Only on GET /api/runs/:id of a run whose replications and daily series were pruned
   * (RETENTION_DAYS): when, and the aggregate's KPIs that were kept; its result answers 410.
   */
  pruned?: { at: string; kpis: Record<string, Estimate> };
}

/** A page of runs, newest first. */
export interface RunList {
  items: RunView[];
  total: number;
  limit: number;
  offset: number;
}

/** What POST /api/runs answers (202, Location: /api/runs/{id}). */
export interface RunAccepted {
  id: string;
  state: RunState;
}
