// Errors the api answers with, all in the one body {code, message, issues}
// (docs/architecture.md "Error body").
// Services throw these; the exception filter turns them (and ScenarioValidationError) into HTTP.
import type { ErrorBody, ValidationIssue } from '@caretwin/contracts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ValidationIssue[] = [],
    /** response headers that belong to the answer (e.g. Retry-After of a 429 or 503) */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get body(): ErrorBody {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** An issue about the request itself (not a scenario file). */
export function requestIssue(path: string, message: string): ValidationIssue {
  return { file: '<request>', path, line: null, column: null, message };
}

export class NotFoundError extends ApiError {
  constructor(what: string, id: string) {
    super(404, 'NOT_FOUND', `${what} "${id}" does not exist`);
  }
}

export class RequestInvalidError extends ApiError {
  constructor(message: string, issues: ValidationIssue[]) {
    super(422, 'REQUEST_INVALID', message, issues);
  }
}

export class IdempotencyConflictError extends ApiError {
  constructor(key: string) {
    super(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key "${key}" was used before with a different body; use a new key for a different run`,
      [requestIssue('', 'body differs from the first request with this Idempotency-Key')],
    );
  }
}

export class RunNotFinishedError extends ApiError {
  constructor(id: string, state: string) {
    super(409, 'RUN_NOT_FINISHED', `run "${id}" is ${state}; its result exists once it is completed`);
  }
}
