// Bad input at the edge answers in the one error body, never 500 and never an empty reply:
// bodies nested too deep are refused before anything recurses over them (hashing, merging),
// and errors Node's HTTP parser answers before express sees the request (a URL or headers
// over the header size limit: 431; a malformed request: 400) carry a JSON body too.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@caretwin/config';
import { formatPath, type PathSegment } from '@caretwin/scenario';
import type { ErrorBody } from '@caretwin/contracts';
import { requestIssue } from '../errors/api-error';

/** Deepest nesting of a request body; a scenario inside one is further held to 64 levels. */
export const MAX_BODY_DEPTH = 100;

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: PathSegment | undefined;
}

/** The path of the first value nested deeper than `max`, or undefined. Iterative: no recursion. */
export function excessDepth(root: unknown, max: number): string | undefined {
  const stack: Frame[] = [{ value: root, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value !== 'object' || value === null) continue;
    if (frame.depth >= max) {
      const path: PathSegment[] = [];
      for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.unshift(f.key);
      return formatPath(path);
    }
    if (Array.isArray(value))
      value.forEach((item, index) =>
        stack.push({ value: item, depth: frame.depth + 1, parent: frame, key: index }),
      );
    else
      for (const key of Object.keys(value))
        stack.push({
          value: (value as Record<string, unknown>)[key],
          depth: frame.depth + 1,
          parent: frame,
          key,
        });
  }
  return undefined;
}

/** Thrown from the JSON parser's verify hook; error-mapping.ts answers it 400 REQUEST_TOO_DEEP. */
export class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor(readonly offset: number) {
    super(`request body nested deeper than ${MAX_BODY_DEPTH} levels (at byte ${offset})`);
  }
}

/**
 * express.json's verify hook: one pass over the raw bytes counting brackets outside strings, so
 * a body nested too deep is refused before JSON.parse (which needs 1.7 s for 300,000 levels).
 */
export function verifyJsonDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_BODY_DEPTH) throw new BodyTooDeepError(i);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

export function bodyDepthGuard(req: Request, res: Response, next: NextFunction): void {
  const path = excessDepth(req.body, MAX_BODY_DEPTH);
  if (path === undefined) return next();
  const message = `request body nested deeper than ${MAX_BODY_DEPTH} levels`;
  const body: ErrorBody = {
    code: 'REQUEST_TOO_DEEP',
    message: `${message} (at ${path.length > 200 ? `${path.slice(0, 200)}…` : path})`,
    issues: [requestIssue(path.length > 200 ? `${path.slice(0, 200)}…` : path, message)],
  };
  res.status(400).json(body);
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'REQUEST_HEADER_TOO_LARGE',
    message: 'the request line and headers are larger than the server accepts (16 KB): use a shorter URL',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'REQUEST_TIMEOUT',
    message: 'the request did not arrive in time',
  },
};

/** Answers what Node's HTTP parser refuses (before express) in the one error body. */
export function installClientErrorBody(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node's own handler: never write into a response already under way on this connection.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const known = (error.code ? CLIENT_ERRORS[error.code] : undefined) ?? {
      status: 400,
      reason: 'Bad Request',
      code: 'REQUEST_UNPARSEABLE',
      message: 'the request is not valid HTTP/1.1',
    };
    logger.debug({ err: error, status: known.status }, 'request refused by the HTTP parser');
    const body = JSON.stringify({ code: known.code, message: known.message, issues: [] } satisfies ErrorBody);
    socket.end(
      `HTTP/1.1 ${known.status} ${known.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
