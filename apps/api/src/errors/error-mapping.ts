// One mapping from anything thrown to (status, body), shared by the Nest exception filter and
// the express error handler that guards body parsing (which runs before Nest's router).
import { HttpException } from '@nestjs/common';
import { isScenarioValidationError } from '@caretwin/scenario';
import type { ErrorBody } from '@caretwin/contracts';
import { ApiError, requestIssue } from './api-error';

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** true when the fault is ours (log it with its stack) */
  internal: boolean;
}

interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    'status' in error
  );
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/** zlib / brotli failing on a body whose Content-Encoding does not match its bytes (http-errors, 400). */
function isDecompressionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return status === 400 && typeof code === 'string' && (/^Z_/.test(code) || /^ERR__ERROR/.test(code));
}

export function mapError(error: unknown): MappedError {
  if (isDecompressionError(error))
    return {
      status: 400,
      body: {
        code: 'REQUEST_UNPARSEABLE',
        message: 'request body could not be decompressed: it does not match its Content-Encoding',
        issues: [requestIssue('', (error as Error).message)],
      },
      internal: false,
    };
  if (error instanceof ApiError) return { status: error.status, body: error.body, internal: false };
  if (isScenarioValidationError(error))
    return { status: error.httpStatus, body: error.body, internal: error.httpStatus >= 500 };
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large')
      return {
        status: 413,
        body: {
          code: 'REQUEST_TOO_LARGE',
          message:
            'request body is larger than the configured limit (BODY_LIMIT_BYTES; IMPORT_BODY_LIMIT_BYTES for a workshop import)',
          issues: [],
        },
        internal: false,
      };
    if (error.type === 'entity.too.deep')
      return {
        status: 400,
        body: { code: 'REQUEST_TOO_DEEP', message: error.message, issues: [requestIssue('', error.message)] },
        internal: false,
      };
    if (error.type === 'entity.parse.failed')
      return {
        status: 400,
        body: {
          code: 'REQUEST_UNPARSEABLE',
          message: `request body is not valid JSON: ${error.message}`,
          issues: [requestIssue('', error.message)],
        },
        internal: false,
      };
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
    return {
      status,
      body: { code: HTTP_CODES[status] ?? 'BAD_REQUEST', message: error.message, issues: [] },
      internal: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      body: { code: HTTP_CODES[status] ?? `HTTP_${status}`, message: error.message, issues: [] },
      internal: status >= 500,
    };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL', message: 'internal error; see the service log', issues: [] },
    internal: true,
  };
}
