// Issues as the api answers them (422 with a JSON path): a path relative to the request body and
// a message a planner reads. Zod's issues are turned into the same plain words the scenario
// loader uses (expected …, got …; unknown key; one of …), so a workshop refusal reads like a
// scenario one.
import type { z } from 'zod';

export type IssuePath = Array<string | number>;

export interface ProposalIssue {
  path: IssuePath;
  message: string;
}

/** `policies[0].count`: how the api's error bodies write a path (as libs/scenario's formatPath). */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let at = data;
  for (const seg of path) {
    if (Array.isArray(at) && typeof seg === 'number') at = at[seg];
    else if (isRecord(at) && typeof seg === 'string' && Object.hasOwn(at, seg)) at = at[seg];
    else return undefined;
  }
  return at;
}

const MAX_ECHO = 60;

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

const list = (values: readonly unknown[]): string => values.map((v) => String(v)).join(', ');

function message(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (got === undefined) return 'required field is missing';
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(got)}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'array')
        return `must have ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}${Array.isArray(got) ? `, got ${got.length}` : ''}`;
      if (issue.origin === 'string')
        return `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
      const inclusive = issue.inclusive !== false;
      const word = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      return `must be ${word} ${limit}, got ${describeValue(got)}`;
    }
    case 'invalid_value':
      return `${describeValue(got)} is not one of: ${list(issue.values)}`;
    case 'invalid_union': {
      const u = issue as { discriminator?: string; options?: unknown[] };
      if (u.discriminator !== undefined) {
        const options = list(u.options ?? []);
        return got === undefined
          ? `missing "${u.discriminator}": one of ${options}`
          : `unknown ${u.discriminator} ${describeValue(got)}; one of: ${options}`;
      }
      return `invalid value ${describeValue(got)}`;
    }
    default:
      return issue.message;
  }
}

/**
 * Zod's issues for `data` as ProposalIssues under `prefix`. `knownKeys(path)` lists the keys an
 * object at that path may have, for the message on an unknown key.
 */
export function zodIssues(
  error: z.ZodError,
  data: unknown,
  prefix: IssuePath = [],
  knownKeys?: (path: IssuePath) => readonly string[] | undefined,
): ProposalIssue[] {
  const out: ProposalIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys?.(path);
      for (const key of issue.keys)
        out.push({
          path: [...prefix, ...path, key],
          message: `unknown key ${describeValue(key)}${known ? `; allowed keys: ${known.join(', ')}` : ''}`,
        });
      continue;
    }
    out.push({ path: [...prefix, ...path], message: message(issue, valueAt(data, path)) });
  }
  return out;
}
