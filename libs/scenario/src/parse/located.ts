// A parsed document keeps, beside its plain value, where every key and item was written, so
// an issue found anywhere later (schema, cross-references, expressions) can name file, line
// and column. Positions are keyed by the formatted path (`policies[2].hospital`).

import type { ValidationIssue } from '../errors/scenario-validation-error';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SourcePosition {
  file: string;
  line: number | null;
  column: number | null;
}

export interface LocatedDocument {
  /** File the document as a whole is attributed to (the most derived one after `extends`). */
  file: string;
  /** Plain data: objects, arrays, strings, finite numbers, booleans, null. */
  value: unknown;
  positions: Map<string, SourcePosition>;
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** `policies[2].hospital`, `population.2020`, `sources["a b"]`; '' for the root. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_SEGMENT.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Where `path` was written, or its nearest written ancestor (a missing key points at its parent). */
export function locate(doc: LocatedDocument, path: Path): SourcePosition {
  for (let n = path.length; n >= 0; n--) {
    const found = doc.positions.get(formatPath(path.slice(0, n)));
    if (found) return found;
  }
  return { file: doc.file, line: null, column: null };
}

/** Collects issues against one located document; `add` never throws, so checks keep going. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];

  constructor(private readonly doc: LocatedDocument) {}

  add(path: Path, message: string): void {
    const where = locate(this.doc, path);
    this.issues.push({
      file: where.file,
      path: formatPath(path),
      line: where.line,
      column: where.column,
      message,
    });
  }

  get length(): number {
    return this.issues.length;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Property names that would reach Object.prototype if ever assigned with `obj[key] = …`. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
