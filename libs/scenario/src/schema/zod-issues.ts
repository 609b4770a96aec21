// Turns zod's issues into planner-readable ones at the exact path, with units, the offending
// value and "did you mean" for unknown keys and values.

import type { z } from 'zod';
import { didYouMean, listKnown, truncate } from '../errors/did-you-mean';
import { isPlainObject, type IssueList, type Path } from '../parse/located';
import { knownKeysAt, schemaAt, unwrap } from './introspect';

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string (text)',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  tuple: 'a list',
  null: 'null',
};

function unitAt(root: z.ZodType, data: unknown, path: Path): string {
  const schema = schemaAt(root, data, path);
  const unit = schema ? unwrap(schema).unit : undefined;
  return unit &&
    !unit.startsWith('share') &&
    unit !== 'ratio' &&
    unit !== 'multiplier' &&
    unit !== 'probability'
    ? ` ${unit}`
    : '';
}

type Issue = z.core.$ZodIssue;

function bound(
  issue: Issue & { code: 'too_small' | 'too_big' },
  root: z.ZodType,
  data: unknown,
  path: Path,
): string {
  const small = issue.code === 'too_small';
  const limit = Number(
    small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum,
  );
  const got = (issue as { input?: unknown }).input;
  const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
  const exact = (issue as { exact?: boolean }).exact === true;
  switch (issue.origin) {
    case 'array':
    case 'set': {
      const count = Array.isArray(got) ? `, got ${got.length}` : '';
      if (exact) return `must have exactly ${limit} items${count}`;
      return `must have ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}${count}`;
    }
    case 'string': {
      if (exact) return `must be exactly ${limit} characters long`;
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
    }
    default: {
      const word = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      const unit = unitAt(root, data, path);
      return `must be ${word} ${limit}, got ${describeValue(got)}${unit ? ` (${unit.trim()})` : ''}`;
    }
  }
}

function message(issue: Issue, root: z.ZodType, data: unknown, path: Path): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'required field is missing';
      if (typeof input === 'number' && !Number.isFinite(input))
        return `${input} is not allowed: write a finite number`;
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const hint = issue.expected === 'string' && typeof input === 'number' ? ` (quote it: "${input}")` : '';
      return `expected ${expected}, got ${describeValue(input)}${hint}`;
    }
    case 'too_small':
    case 'too_big':
      return bound(issue, root, data, path);
    case 'invalid_format':
      return `${issue.message}, got ${describeValue(input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      const near = typeof input === 'string' ? didYouMean(input, values) : '';
      return `${describeValue(input)} is not one of: ${listKnown(values, 20)}${near}`;
    }
    case 'invalid_union': {
      const u = issue as { note?: string; discriminator?: string; options?: unknown[] };
      if (u.discriminator !== undefined) {
        const options = (u.options ?? []).map((o) => String(o));
        if (input === undefined || !isPlainObject(input) || input[u.discriminator] === undefined) {
          return `missing "${u.discriminator}": one of ${listKnown(options, 20)}`;
        }
        const got = input[u.discriminator];
        const near = typeof got === 'string' ? didYouMean(got, options) : '';
        return `unknown ${u.discriminator} ${describeValue(got)}${near}; one of: ${listKnown(options, 20)}`;
      }
      if (input === undefined) return 'required field is missing';
      const expected = issue.errors
        .map((branch) => branch.find((i) => i.code === 'invalid_type'))
        .filter((i): i is z.core.$ZodIssueInvalidType => i !== undefined)
        .map((i) => TYPE_NAMES[i.expected] ?? i.expected);
      if (expected.length === issue.errors.length)
        return `expected ${expected.join(' or ')}, got ${describeValue(input)}`;
      // A branch of the right type failed on its own terms: report that branch's first reason.
      const inner = issue.errors.find((branch) => branch.every((i) => i.code !== 'invalid_type'))?.[0];
      return inner
        ? message(inner, root, data, [
            ...path,
            ...inner.path.filter((s): s is string | number => typeof s !== 'symbol'),
          ])
        : `invalid value ${describeValue(input)}`;
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner ? `key ${describeValue(path[path.length - 1])}: ${inner.message}` : issue.message;
    }
    default:
      return issue.message;
  }
}

const ELIGIBILITY_REMOVED =
  'was removed: a failed online eligibility check never postpones or forgoes care; it is settled with 資格確認書 / 被保険者資格申立書 (proofShare) or 10割 upfront with a refund. Delete this key';

/** Keys that existed once, with what to do instead (an old scenario gets this, not a bare "unknown key"). */
const REMOVED_KEYS: Record<string, string> = {
  postponeShare: ELIGIBILITY_REMOVED,
  forgoShare: ELIGIBILITY_REMOVED,
  postponeDays: ELIGIBILITY_REMOVED,
  elective:
    'was replaced by `scheduledShare`, the share of admissions booked ahead (予定入院): `elective: true` was every non-ambulance admission, i.e. scheduledShare = 1 − ambulanceShare',
  electiveDayOfWeek:
    'was renamed `scheduledDayOfWeek` (the weekday profile of the hospitals’ admission slots)',
};

/** Adds every issue of a failed parse of `data` against `root` to `out`. */
export function addZodIssues(error: z.ZodError, root: z.ZodType, data: unknown, out: IssueList): void {
  for (const issue of error.issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(root, data, path);
      for (const key of issue.keys) {
        const removed = Object.hasOwn(REMOVED_KEYS, key) ? REMOVED_KEYS[key] : undefined;
        if (removed !== undefined) {
          out.add([...path, key], `"${key}" ${removed}`);
          continue;
        }
        const near = didYouMean(key, known);
        out.add(
          [...path, key],
          `unknown key "${truncate(key)}"${near}${near ? '' : `; allowed keys: ${listKnown(known, 20)}`}`,
        );
      }
      continue;
    }
    out.add(path, message(issue, root, data, path));
  }
}
