// Request bodies, queries and headers are `unknown` until a zod schema says otherwise: this pipe
// parses them before a controller runs, so controllers and services only see parsed types. A
// mismatch is refused in the one error body, by default 422 REQUEST_INVALID whose issues point
// at each offending field (`replications`, `overrides.policies[0]`, each unknown key).
import { createParamDecorator, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import type { ValidationIssue } from '@caretwin/contracts';
import { formatPath } from '@caretwin/scenario';
import { RequestInvalidError, requestIssue, type ApiError } from '../errors/api-error';

/** What a refused value answers, given its issues. */
export type Refusal = (issues: ValidationIssue[]) => ApiError;

/** zod's issues as the api's: one per problem, located by its path in the request. */
export function requestIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    // One issue per unknown key, located at the key itself.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => requestIssue(formatPath([...path, key]), `unknown key "${key}"`));
    return [requestIssue(formatPath(path), issue.message)];
  });
}

/** 422 REQUEST_INVALID: "`what` is invalid (n problems)". */
export const invalidRequest =
  (what: string): Refusal =>
  (issues) =>
    new RequestInvalidError(
      `${what} is invalid (${issues.length === 1 ? '1 problem' : `${issues.length} problems`})`,
      issues,
    );

/**
 * `@Body(new ZodValidationPipe(schema, 'run request')) body: z.output<typeof schema>`. The
 * second argument names the value in the 422 message, or is the whole refusal.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  private readonly refuse: Refusal;

  constructor(
    private readonly schema: S,
    refusal: string | Refusal,
  ) {
    this.refuse = typeof refusal === 'string' ? invalidRequest(refusal) : refusal;
  }

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw this.refuse(requestIssues(parsed.error));
  }
}

/**
 * One request header (its name in lower case), through the pipes given: Nest's own @Headers
 * takes no pipes. Documented with @ApiHeader.
 */
export const RequestHeader = createParamDecorator(
  (name: string, context: ExecutionContext): unknown =>
    context.switchToHttp().getRequest<Request>().headers[name],
);
