// The feed's HTTP side: POST /api/census?synthetic=true one day at a time, and the one read it
// makes first (GET /api/census/latest: is the api up, may this token read, which region does it
// take reports for). Failures become FeedError with what to do: the api down, a token refused
// (401/403) or a day refused (422, the issues the api named), each shown with the api's body.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CensusAccepted, CensusLatest } from '@caretwin/contracts';
import type { RequestBody } from './body';

export class FeedError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

export interface FeedClientOptions {
  /** the api's base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** a bearer token (AUTH_MODE=tokens): planner, admin, or a reporter naming every hospital */
  token?: string;
  signal?: AbortSignal;
  /** 429 answers waited out before giving up on a day */
  maxRetries?: number;
}

/** The api's error body (ErrorBody: code, message, issues) as lines: its message, then each issue with its path. */
export function describeErrorBody(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 2000);
  }
  if (!body || typeof body !== 'object') return text.trim().slice(0, 2000);
  const b = body as { code?: unknown; message?: unknown; issues?: unknown };
  const lines = [[b.code, b.message].filter((x) => typeof x === 'string' && x).join(': ')];
  if (Array.isArray(b.issues))
    for (const issue of b.issues.slice(0, 20) as Array<{
      path?: string;
      line?: number | null;
      message?: string;
    }>) {
      const where = [issue.path, issue.line != null ? `line ${issue.line}` : ''].filter(Boolean).join(', ');
      lines.push(`  - ${where ? `${where}: ` : ''}${issue.message ?? JSON.stringify(issue)}`);
    }
  if (Array.isArray(b.issues) && b.issues.length > 20) lines.push(`  … and ${b.issues.length - 20} more`);
  return lines.filter(Boolean).join('\n') || text.trim().slice(0, 2000);
}

const WHAT_TO_DO: Readonly<Record<number, string>> = {
  401: 'the api runs with AUTH_MODE=tokens: pass --token or set CARETWIN_TOKEN (a planner or admin token, or a reporter token naming every hospital: caretwin token create)',
  403: "this token may not post these hospitals' reports: use a planner or admin token, or a reporter token naming every hospital (caretwin token create --role reporter --hospital …)",
};

export class FeedClient {
  private readonly base: string;

  constructor(private readonly options: FeedClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  private async request(method: string, path: string, body?: RequestBody): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body) headers['content-type'] = body.contentType;
    try {
      return await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body?.body,
        signal: this.options.signal,
      });
    } catch (error) {
      if (this.options.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new FeedError(
        `no CareTwin api answers at ${this.base} (${cause?.code ?? cause?.message ?? (error as Error).message}): start it with \`npm start\`, or pass --url`,
      );
    }
  }

  private async refused(response: Response, what: string): Promise<FeedError> {
    const text = await response.text();
    const hint = WHAT_TO_DO[response.status];
    return new FeedError(
      `${what}: ${response.status} ${response.statusText}\n${describeErrorBody(text)}${hint ? `\n${hint}` : ''}`,
      response.status,
    );
  }

  /**
   * GET /api/census/latest: the region the api takes reports for, and the last date it holds;
   * null for a reporter token (a reporter reads nothing: only posts).
   */
  async latest(): Promise<CensusLatest | null> {
    const response = await this.request('GET', '/api/census/latest');
    if (response.status === 403 && this.options.token) {
      await response.text();
      return null;
    }
    if (!response.ok) throw await this.refused(response, `GET ${this.base}/api/census/latest`);
    return (await response.json()) as CensusLatest;
  }

  /** POST one day's reports marked synthetic; a 429 is waited out (its Retry-After) and sent again. */
  async postDay(date: string, body: RequestBody): Promise<CensusAccepted> {
    const maxRetries = this.options.maxRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      const response = await this.request('POST', '/api/census?synthetic=true', body);
      if (response.ok) return (await response.json()) as CensusAccepted;
      if (response.status === 429 && attempt < maxRetries) {
        await response.text();
        const seconds = Number(response.headers.get('retry-after'));
        await sleep((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000, undefined, {
          signal: this.options.signal,
        });
        continue;
      }
      throw await this.refused(response, `the reports of ${date} were refused`);
    }
  }
}
