// The answers of the limits (issue 17), each in the one error body {code, message, issues}.
// 429 and 503 carry Retry-After: a client that waits that long has a chance; 422 does not
// (the same request will be refused again).
import { ApiError, requestIssue } from '../errors/api-error';

const retryAfter = (seconds: number): Record<string, string> => ({
  'Retry-After': String(Math.max(1, Math.ceil(seconds))),
});

/** A token (or, without one, a client address) made more requests in the window than its limit allows. */
export class RateLimitedError extends ApiError {
  constructor(
    limit: number,
    windowS: number,
    what: string,
    retryAfterS: number,
    per: 'token' | 'client address' = 'token',
  ) {
    super(
      429,
      'RATE_LIMITED',
      `rate limit reached: at most ${limit} ${what} per ${windowS} s per ${per}; retry after ${Math.max(1, Math.ceil(retryAfterS))} s`,
      [],
      retryAfter(retryAfterS),
    );
  }
}

/** The token already has as many queued + running runs as it may. */
export class TooManyActiveRunsError extends ApiError {
  constructor(active: number, cap: number, retryAfterS: number) {
    super(
      429,
      'TOO_MANY_ACTIVE_RUNS',
      `this token has ${active} queued or running runs, the most it may have (MAX_ACTIVE_RUNS_PER_TOKEN ${cap}); wait for one to finish or cancel one`,
      [],
      retryAfter(retryAfterS),
    );
  }
}

/** The service as a whole has as many queued + running runs as it takes. */
export class QueueFullError extends ApiError {
  constructor(active: number, cap: number, retryAfterS: number) {
    super(
      503,
      'QUEUE_FULL',
      `the service has ${active} queued or running runs, its queue depth cap (MAX_QUEUE_DEPTH ${cap}); retry later`,
      [],
      retryAfter(retryAfterS),
    );
  }
}

/** One run asks more of the workers than the budget per run. */
export class RunTooCostlyError extends ApiError {
  constructor(cost: number, budget: number, path: string, detail: string) {
    super(
      422,
      'RUN_TOO_COSTLY',
      `this run costs ${formatCost(cost)} million person-years (${detail}), more than the budget of ${formatCost(budget)} per run (MAX_RUN_COST)`,
      [
        requestIssue(
          path,
          `cost ${formatCost(cost)} > budget ${formatCost(budget)}: fewer replications or simulated days, or less demand`,
        ),
      ],
    );
  }
}

/** The run's per-replication results and daily series were pruned by retention. */
export class RunPrunedError extends ApiError {
  constructor(id: string, at: string) {
    super(
      410,
      'RUN_PRUNED',
      `run "${id}" was pruned on ${at} (RETENTION_DAYS): its replications and daily series are gone; GET /api/runs/${id} answers its state, provenance keys and summary KPIs`,
    );
  }
}

/** Three significant figures, no exponent for the sizes a person reads. */
export function formatCost(cost: number): string {
  if (cost >= 100) return Math.round(cost).toLocaleString('en-US');
  return Number(cost.toPrecision(3)).toString();
}
