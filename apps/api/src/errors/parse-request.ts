// Request bodies and queries are `unknown` until a zod schema says otherwise; a mismatch is a
// 422 whose issues point at the offending field (`replications`, `overrides.policies[0]`).
import type { z } from 'zod';
import { formatPath } from '@caretwin/scenario';
import { RequestInvalidError, requestIssue } from './api-error';

export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap((issue) => {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    // One issue per unknown key, located at the key itself.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => requestIssue(formatPath([...path, key]), `unknown key "${key}"`));
    return [requestIssue(formatPath(path), issue.message)];
  });
  throw new RequestInvalidError(
    `${what} is invalid (${issues.length === 1 ? '1 problem' : `${issues.length} problems`})`,
    issues,
  );
}
