// Small HTTP client over fetch for the service tests.
import { FINISHED_STATES, type RunView } from '@caretwin/contracts';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/yaml';
    body = options.text;
  }
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  // Keep a BOM if there is one (response.text() would drop it; CSV exports must carry it).
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json'))
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/**
 * Polls `probe` until it answers something (not undefined): that answer. A generous ceiling only,
 * no timing assertion; past it, an error naming `what` did not happen.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 120_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Polls GET /api/runs/:id until `until` holds (no timing assertion: a generous ceiling only). */
export async function waitForRun(
  base: string,
  id: string,
  until: (run: RunView) => boolean,
  timeoutMs = 120_000,
): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  let last: RunView | undefined;
  while (Date.now() < deadline) {
    const reply = await call<RunView>(base, 'GET', `/api/runs/${id}`);
    if (reply.status !== 200) throw new Error(`GET /api/runs/${id} answered ${reply.status}: ${reply.text}`);
    last = reply.body;
    if (until(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`run ${id} did not reach the expected state; last seen: ${JSON.stringify(last)}`);
}

export const finished = (run: RunView): boolean => FINISHED_STATES.has(run.state);
