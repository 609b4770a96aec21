// The one error body shared by the CLI, the api and the dashboard (docs/architecture.md
// "Error body"). It stays plain JSON so it can cross HTTP, sockets and BullMQ unchanged.

import { boundIssues, clipEchoes, type ErrorBody, type ValidationIssue } from '@caretwin/contracts';

/** One problem, located where the planner wrote it: defined once, in @caretwin/contracts. */
export type { ValidationIssue } from '@caretwin/contracts';

/**
 * Why a scenario was refused; each maps to one HTTP status at the edge:
 * unparseable 400, invalid 422, too large 413, not found 404, region data broken 500; over
 * the expression cost budget or the resolution time limit 422; the resolver threads all
 * busy with a full queue 503.
 */
export const ERROR_HTTP_STATUS = {
  SCENARIO_UNPARSEABLE: 400,
  SCENARIO_INVALID: 422,
  SCENARIO_TOO_LARGE: 413,
  SCENARIO_NOT_FOUND: 404,
  SCENARIO_TOO_COSTLY: 422,
  SCENARIO_TIMEOUT: 422,
  SCENARIO_RESOLVER_BUSY: 503,
  REGION_NOT_FOUND: 404,
  REGION_INVALID: 500,
} as const;
export type ScenarioErrorCode = keyof typeof ERROR_HTTP_STATUS;

export type ScenarioErrorBody = ErrorBody<ScenarioErrorCode>;

export function httpStatusOf(code: ScenarioErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}

/** Thrown by every loading and validation entry point; `body` is what the edges send. */
export class ScenarioValidationError extends Error {
  readonly code: ScenarioErrorCode;
  readonly issues: ValidationIssue[];

  constructor(code: ScenarioErrorCode, message: string, issues: ValidationIssue[]) {
    // Echoed values are cut and issues capped here, so no edge can answer a hostile input whole.
    super(clipEchoes(message));
    this.name = 'ScenarioValidationError';
    this.code = code;
    this.issues = boundIssues(issues);
  }

  get httpStatus(): number {
    return httpStatusOf(this.code);
  }

  get body(): ScenarioErrorBody {
    return { code: this.code, message: this.message, issues: this.issues.map((i) => ({ ...i })) };
  }

  toJSON(): ScenarioErrorBody {
    return this.body;
  }
}

export function isScenarioValidationError(error: unknown): error is ScenarioValidationError {
  return error instanceof ScenarioValidationError;
}
