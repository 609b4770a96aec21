// Runs seen from outside, as a planner's script sees them: every request bounded in time, polls
// with generous deadlines (no timing assertions), and which replication a worker holds read from
// that worker's own log lines.
import type { LogLine, ServiceProcess } from '../../service/harness/processes';
import { FINISHED_STATES, type RunView } from '@caretwin/contracts';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
  elapsedMs: number;
}

export class RequestTimeoutError extends Error {
  constructor(method: string, path: string, ms: number) {
    super(`${method} ${path} did not answer within ${ms} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** One HTTP request that answers within `timeoutMs` or throws RequestTimeoutError. */
export async function request<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: { json?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer<T>> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const started = Date.now();
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: (json ? JSON.parse(text) : text) as T,
      text,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new RequestTimeoutError(method, path, timeoutMs);
    throw error;
  }
}

/** Polls `probe` until it answers a value (not undefined); throws with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 120_000,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error; // e.g. the api is restarting: keep polling until the deadline
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
  );
}

export async function postRun(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<string> {
  const posted = await request<{ id: string; state: string }>(base, 'POST', '/api/runs', {
    json: body,
    headers,
  });
  if (posted.status !== 202) throw new Error(`POST /api/runs answered ${posted.status}: ${posted.text}`);
  return posted.body.id;
}

export async function getRun(base: string, id: string): Promise<RunView> {
  const reply = await request<RunView>(base, 'GET', `/api/runs/${id}`);
  if (reply.status !== 200) throw new Error(`GET /api/runs/${id} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

/** Waits until the run has finished; `base` may change meanwhile (an api restarted on another port). */
export function waitForEnd(base: string | (() => string), id: string, timeoutMs = 180_000): Promise<RunView> {
  const url = typeof base === 'string' ? () => base : base;
  return waitUntil(
    `run ${id} to finish`,
    async () => {
      const run = await getRun(url(), id);
      return FINISHED_STATES.has(run.state) ? run : undefined;
    },
    timeoutMs,
    250,
  );
}

export interface ServiceResult {
  execution: {
    runId: string;
    replications: Array<{ replication: number; pid: number; worker: string; attempt: number }>;
  };
  [key: string]: unknown;
}

export async function getResult(base: string, id: string): Promise<ServiceResult> {
  const reply = await request<ServiceResult>(base, 'GET', `/api/runs/${id}/result`, { timeoutMs: 30_000 });
  if (reply.status !== 200)
    throw new Error(`GET /api/runs/${id}/result answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

/** How the worker's log says a replication it held ended (finished, failed, stopped, handed back). */
const ENDED = [
  'replication finished',
  'replication failed',
  'replication stopped',
  'replication handed back',
  'could not hand the replication back',
];

const about = (line: LogLine, runId: string): boolean =>
  line.runId === runId && typeof line.replication === 'number';

/** Replications of `runId` the worker started and has not finished, stopped or handed back (per its log). */
export function heldReplications(worker: ServiceProcess, runId: string): number[] {
  const held = new Set<number>();
  for (const line of worker.lines) {
    if (!about(line, runId)) continue;
    const index = line.replication as number;
    if (line.msg === 'replication started') held.add(index);
    else if (typeof line.msg === 'string' && ENDED.some((m) => (line.msg as string).startsWith(m)))
      held.delete(index);
  }
  return [...held].sort((a, b) => a - b);
}

/**
 * Waits until one of `workers` holds a replication of the run that is mid-way: started per the
 * worker's log, and reported by the api as past its first simulated day, not done and below
 * `belowPercent`. Answers that worker and the replication's index.
 */
export function waitForReplicationMidway<W extends ServiceProcess>(
  base: string,
  workers: W | W[],
  runId: string,
  { belowPercent = 40, timeoutMs = 120_000 }: { belowPercent?: number; timeoutMs?: number } = {},
): Promise<{ worker: W; index: number }> {
  const candidates = Array.isArray(workers) ? workers : [workers];
  return waitUntil(
    `a replication of run ${runId} mid-way on worker ${candidates.map((w) => w.pid).join(' or ')}`,
    async () => {
      const held = candidates.map((worker) => ({ worker, indices: heldReplications(worker, runId) }));
      if (held.every((h) => h.indices.length === 0)) return undefined;
      const run = await getRun(base, runId);
      const replications = run.progress.replications as Array<{
        replication: number;
        day: number;
        percent: number;
        done?: boolean;
      }>;
      for (const { worker, indices } of held) {
        const midway = replications.find(
          (r) => indices.includes(r.replication) && r.day >= 1 && !r.done && r.percent < belowPercent,
        );
        if (midway) return { worker, index: midway.replication };
      }
      return undefined;
    },
    timeoutMs,
    100,
  );
}
