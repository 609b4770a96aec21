// Scenario objects that arrive already parsed (an api request body) pass the same gate as text:
// refused keys dropped and reported, depth and size capped, only JSON values kept. Objects are
// rebuilt without a prototype, so nothing written into them can reach Object.prototype.

import { ScenarioValidationError, type ValidationIssue } from '../errors/scenario-validation-error';
import { FORBIDDEN_KEYS, formatPath, type LocatedDocument, type Path } from './located';
import { SCENARIO_LIMITS, type ParseLimits } from './limits';
import type { ParsedText } from './safe-yaml';

export function sanitizeObject(input: unknown, options: { file: string; limits?: ParseLimits }): ParsedText {
  const { file } = options;
  const limits = options.limits ?? SCENARIO_LIMITS;
  const issues: ValidationIssue[] = [];
  let nodes = 0;
  const fail = (path: Path, message: string): never => {
    throw new ScenarioValidationError('SCENARIO_UNPARSEABLE', `${file}: ${message}`, [
      { file, path: formatPath(path), line: null, column: null, message },
    ]);
  };
  const copy = (value: unknown, path: Path, depth: number): unknown => {
    if (++nodes > limits.maxNodes) fail(path, `document has more than ${limits.maxNodes} values`);
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      typeof value === 'number'
    )
      return value;
    if (typeof value !== 'object') {
      issues.push({
        file,
        path: formatPath(path),
        line: null,
        column: null,
        message: `unsupported value of type ${typeof value}`,
      });
      return null;
    }
    if (depth > limits.maxDepth) fail(path, `nesting deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(value)) return value.map((item, index) => copy(item, [...path, index], depth + 1));
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({
        file,
        path: formatPath(path),
        line: null,
        column: null,
        message: 'only plain JSON objects are accepted',
      });
      return null;
    }
    const out = Object.create(null) as Record<string, unknown>;
    // Own keys only, including an own `__proto__` that JSON.parse creates.
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({
          file,
          path: formatPath([...path, key]),
          line: null,
          column: null,
          message: `key "${key}" is not allowed (reserved JavaScript property name)`,
        });
        continue;
      }
      out[key] = copy((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    }
    return out;
  };
  const value = copy(input, [], 1);
  const doc: LocatedDocument = { file, value, positions: new Map() };
  return { doc, issues };
}
