// Safe parsing of scenario and region text (YAML 1.2, and JSON, which is YAML): size checked
// before parsing, nesting pre-scanned, aliases and total values capped, `__proto__` /
// `constructor` / `prototype` keys refused, and every value's line and column recorded.

import {
  Alias,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { ScenarioValidationError, type ValidationIssue } from '../errors/scenario-validation-error';
import { scanNestingDepth } from './depth-scan';
import { FORBIDDEN_KEYS, formatPath, type LocatedDocument, type Path, type SourcePosition } from './located';
import { SCENARIO_LIMITS, type ParseLimits } from './limits';

export interface ParseTextOptions {
  /** Name shown in issues. */
  file: string;
  limits?: ParseLimits;
}

export interface ParsedText {
  doc: LocatedDocument;
  /** Content problems found while building (refused keys, odd scalars); reported with the schema's. */
  issues: ValidationIssue[];
}

/** Structural failure while building: the document cannot be used at all. */
class BuildFailure extends Error {
  constructor(
    message: string,
    readonly position: { line: number; column: number } | undefined,
    readonly path: Path,
  ) {
    super(message);
  }
}

export function tooLargeError(
  file: string,
  bytes: number | undefined,
  maxBytes: number,
): ScenarioValidationError {
  const size = bytes === undefined ? 'more than' : `${bytes} bytes, more than`;
  const message = `${file} is too large (${size} the limit of ${maxBytes} bytes)`;
  return new ScenarioValidationError('SCENARIO_TOO_LARGE', message, [
    { file, path: '', line: null, column: null, message },
  ]);
}

function unparseable(file: string, issues: ValidationIssue[]): ScenarioValidationError {
  const first = issues[0];
  const where = first && first.line !== null ? ` at line ${first.line}, column ${first.column}` : '';
  return new ScenarioValidationError(
    'SCENARIO_UNPARSEABLE',
    `${file} could not be parsed${where}: ${first?.message ?? 'unknown error'}`,
    issues,
  );
}

/** Parses YAML or JSON text; throws ScenarioValidationError (too large / unparseable). */
export function parseText(text: string, options: ParseTextOptions): ParsedText {
  const { file } = options;
  const limits = options.limits ?? SCENARIO_LIMITS;
  // Characters never outnumber UTF-8 bytes, so a long string is refused without encoding it.
  if (text.length > limits.maxBytes) throw tooLargeError(file, undefined, limits.maxBytes);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) throw tooLargeError(file, bytes, limits.maxBytes);

  const excess = scanNestingDepth(text, limits.maxDepth);
  if (excess) {
    throw unparseable(file, [
      {
        file,
        path: '',
        line: excess.line,
        column: excess.column,
        message: `nesting deeper than ${limits.maxDepth} levels`,
      },
    ]);
  }

  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, {
      lineCounter,
      version: '1.2',
      schema: 'core',
      merge: false,
      // The library's own check compares every key with every earlier one (20,000 keys in one
      // mapping: 4.6 s); the builder below finds duplicates with one Set per mapping instead.
      uniqueKeys: false,
      prettyErrors: true,
    });
  } catch (error) {
    // The parser reports its own failures in `errors`; anything thrown is a resource limit.
    const message =
      error instanceof RangeError
        ? 'document too deeply nested to parse'
        : `parser failure: ${String(error)}`;
    throw unparseable(file, [{ file, path: '', line: null, column: null, message }]);
  }

  const syntax: ValidationIssue[] = [...document.errors, ...document.warnings].map((e) => ({
    file,
    path: '',
    line: e.linePos?.[0].line ?? null,
    column: e.linePos?.[0].col ?? null,
    message: firstLine(e.message),
  }));
  if (document.directives.yaml.explicit && document.directives.yaml.version !== '1.2') {
    syntax.push({
      file,
      path: '',
      line: 1,
      column: 1,
      message: `YAML ${document.directives.yaml.version} is not supported: write YAML 1.2 (or JSON)`,
    });
  }
  if (syntax.length > 0) throw unparseable(file, syntax);

  const builder = new DocumentBuilder(document, lineCounter, file, limits);
  try {
    const value = document.contents === null ? null : builder.build(document.contents, [], 1);
    if (builder.duplicates.length > 0) throw unparseable(file, builder.duplicates);
    if (!builder.positions.has('')) builder.positions.set('', { file, line: 1, column: 1 });
    return { doc: { file, value, positions: builder.positions }, issues: builder.issues };
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    throw unparseable(file, [
      {
        file,
        path: formatPath(error.path),
        line: error.position?.line ?? null,
        column: error.position?.column ?? null,
        message: error.message,
      },
    ]);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

class DocumentBuilder {
  readonly positions = new Map<string, SourcePosition>();
  readonly issues: ValidationIssue[] = [];
  /** Keys written twice in one mapping: a parse error, as the YAML library would report it. */
  readonly duplicates: ValidationIssue[] = [];
  private aliases = 0;
  private nodes = 0;

  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly file: string,
    private readonly limits: ParseLimits,
  ) {}

  private where(node: unknown): { line: number; column: number } | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return undefined;
    const { line, col } = this.lineCounter.linePos(range[0]);
    return { line, column: col };
  }

  private record(path: Path, node: unknown): void {
    const key = formatPath(path);
    if (this.positions.has(key)) return;
    const at = this.where(node);
    this.positions.set(key, { file: this.file, line: at?.line ?? null, column: at?.column ?? null });
  }

  private issue(path: Path, node: unknown, message: string): void {
    const at = this.where(node);
    this.issues.push({
      file: this.file,
      path: formatPath(path),
      line: at?.line ?? null,
      column: at?.column ?? null,
      message,
    });
  }

  /** Recursion is bounded: depth is checked before descending (and was pre-scanned). */
  build(node: Node | null, path: Path, depth: number): unknown {
    if (++this.nodes > this.limits.maxNodes) {
      throw new BuildFailure(
        `document has more than ${this.limits.maxNodes} values (aliases expanded)`,
        this.where(node),
        path,
      );
    }
    if (node === null) return null;
    if (path.length === 0) this.record(path, node);
    if (isAlias(node)) return this.expandAlias(node, path, depth);
    if (isScalar(node)) return this.scalar(node.value, node, path);
    if (depth > this.limits.maxDepth) {
      throw new BuildFailure(`nesting deeper than ${this.limits.maxDepth} levels`, this.where(node), path);
    }
    if (isMap(node)) {
      const out = Object.create(null) as Record<string, unknown>;
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        // Equal as the YAML library's uniqueKeys compares: the same scalar value.
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          const at = this.where(pair.key);
          this.duplicates.push({
            file: this.file,
            path: formatPath(path),
            line: at?.line ?? null,
            column: at?.column ?? null,
            message: 'Map keys must be unique',
          });
          continue;
        }
        seen.add(key);
        this.addPair(out, pair.key, pair.value as Node | null, path, depth);
      }
      return out;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, index) => {
        const itemPath = [...path, index];
        this.record(itemPath, item);
        if (isPair(item)) {
          // `[a: 1]`: a single-pair mapping inside a flow sequence.
          const single = Object.create(null) as Record<string, unknown>;
          this.addPair(single, item.key, item.value as Node | null, itemPath, depth + 1);
          out.push(single);
        } else out.push(this.build(item as Node | null, itemPath, depth + 1));
      });
      return out;
    }
    throw new BuildFailure('unsupported YAML node', this.where(node), path);
  }

  private addPair(
    out: Record<string, unknown>,
    keyNode: unknown,
    valueNode: Node | null,
    path: Path,
    depth: number,
  ): void {
    if (!isScalar(keyNode) || !['string', 'number', 'boolean'].includes(typeof keyNode.value)) {
      this.issue(path, keyNode, 'keys must be plain names (strings or numbers)');
      return;
    }
    const key = String(keyNode.value);
    const keyPath = [...path, key];
    if (FORBIDDEN_KEYS.has(key)) {
      this.issue(keyPath, keyNode, `key "${key}" is not allowed (reserved JavaScript property name)`);
      return;
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) {
      this.issue(keyPath, keyNode, `duplicate key "${key}"`);
      return;
    }
    this.record(keyPath, keyNode);
    out[key] = this.build(valueNode, keyPath, depth + 1);
  }

  private expandAlias(node: Alias, path: Path, depth: number): unknown {
    if (++this.aliases > this.limits.maxAliases) {
      throw new BuildFailure(
        `more than ${this.limits.maxAliases} aliases (alias expansion is capped)`,
        this.where(node),
        path,
      );
    }
    const target = node.resolve(this.document);
    if (!target) throw new BuildFailure(`unknown alias *${node.source}`, this.where(node), path);
    return this.build(target as Node, path, depth);
  }

  private scalar(value: unknown, node: unknown, path: Path): unknown {
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      typeof value === 'number'
    )
      return value;
    this.issue(path, node, `unsupported value of type ${typeof value}`);
    return null;
  }
}
