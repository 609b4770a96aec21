// Demand expressions are untrusted text evaluated by mathjs. They are parsed, then checked
// node by node against an allow-list (types, operators, functions, symbols) with caps on
// length and depth, and only then compiled. mathjs is powerful (matrices, units, imports,
// function definitions): anything not on the list is refused before evaluation.

import type { MathJsInstance, MathNode } from 'mathjs';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_OPERATORS,
  ALLOWED_SYMBOLS,
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_MAX_LENGTH,
} from './limits';

let instance: MathJsInstance | undefined;
/**
 * mathjs is loaded on the first expression, not with the library: loading it costs about a
 * second of CPU, which every replication thread (it imports the model, which imports this
 * library's types) and every `caretwin --help` would otherwise pay for nothing.
 */
function mathjs(): MathJsInstance {
  if (instance === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
    const { all, create } = require('mathjs') as typeof import('mathjs');
    instance = create(all);
  }
  return instance;
}
const allowedFunctions = new Set(ALLOWED_FUNCTIONS);
const allowedSymbols = new Set(ALLOWED_SYMBOLS);

/** Why an expression was refused; `message` is written for a planner. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

export interface CompiledExpression {
  readonly source: string;
  /** Nodes of the parsed expression: what one evaluation costs (the cost budget counts these). */
  readonly nodes: number;
  /** Value at time t (days); throws ExpressionError unless a finite non-negative real number. */
  evaluate(t: number): number;
}

const NODE_EXPLANATIONS: Record<string, string> = {
  ArrayNode: 'matrices and arrays are not allowed',
  AccessorNode: 'property access and indexing are not allowed',
  AssignmentNode: 'assignments are not allowed',
  FunctionAssignmentNode: 'function definitions (f(x) = …) are not allowed',
  BlockNode: 'only one expression is allowed (no ";" or new lines)',
  ObjectNode: 'objects are not allowed',
  RangeNode: 'ranges (a:b) are not allowed',
  IndexNode: 'indexing is not allowed',
  RelationalNode: 'chained comparisons are not allowed',
};

/** Counts bracket depth before parsing: mathjs's parser recurses per nesting level. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return max;
}

/** Checks every node against the allow-list; answers how many nodes there are. */
function check(root: MathNode): number {
  const stack: Array<{ node: MathNode; depth: number }> = [{ node: root, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    nodes++;
    if (depth > EXPRESSION_MAX_DEPTH)
      throw new ExpressionError(`expression nested deeper than ${EXPRESSION_MAX_DEPTH} levels`);
    const push = (child: MathNode) => stack.push({ node: child, depth: depth + 1 });
    switch (node.type) {
      case 'ConstantNode': {
        const value: unknown = (node as unknown as { value: unknown }).value;
        if (typeof value !== 'number')
          throw new ExpressionError(`only numbers are allowed as constants, not ${JSON.stringify(value)}`);
        if (!Number.isFinite(value)) throw new ExpressionError('numbers must be finite');
        break;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (!allowedSymbols.has(name)) {
          const hint = allowedFunctions.has(name) ? ` (call it: ${name}(…))` : ' (units are not allowed)';
          throw new ExpressionError(
            `unknown symbol "${name}"${hint}; allowed symbols: ${ALLOWED_SYMBOLS.join(', ')}`,
          );
        }
        break;
      }
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; op: string; args: MathNode[] };
        if (!(op.fn in ALLOWED_OPERATORS)) throw new ExpressionError(`operator "${op.op}" is not allowed`);
        op.args.forEach(push);
        break;
      }
      case 'ParenthesisNode':
        push((node as unknown as { content: MathNode }).content);
        break;
      case 'ConditionalNode': {
        const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        push(c.condition);
        push(c.trueExpr);
        push(c.falseExpr);
        break;
      }
      case 'FunctionNode': {
        const call = node as unknown as { fn: MathNode; args: MathNode[] };
        if (call.fn.type !== 'SymbolNode')
          throw new ExpressionError('only calls of named functions are allowed');
        const name = (call.fn as unknown as { name: string }).name;
        if (!allowedFunctions.has(name)) {
          throw new ExpressionError(
            `function "${name}" is not allowed; allowed functions: ${ALLOWED_FUNCTIONS.join(', ')}`,
          );
        }
        if (call.args.length === 0 || call.args.length > 10)
          throw new ExpressionError(`${name}() takes 1 to 10 arguments`);
        call.args.forEach(push);
        break;
      }
      default:
        throw new ExpressionError(NODE_EXPLANATIONS[node.type] ?? `${node.type} is not allowed`);
    }
  }
  return nodes;
}

function describe(value: unknown): string {
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'number') return String(value);
  const type = mathjs().typeOf(value);
  if (type === 'Complex') return 'a complex number';
  if (type === 'Unit') return 'a unit';
  if (type === 'Matrix' || Array.isArray(value)) return 'a matrix';
  return `a ${type}`;
}

/** Parses and checks an expression in t; throws ExpressionError when refused. */
export function compileExpression(source: string): CompiledExpression {
  if (source.length > EXPRESSION_MAX_LENGTH) {
    throw new ExpressionError(
      `expression longer than ${EXPRESSION_MAX_LENGTH} characters (${source.length})`,
    );
  }
  if (source.trim() === '') throw new ExpressionError('expression is empty');
  if (bracketDepth(source) > EXPRESSION_MAX_DEPTH)
    throw new ExpressionError(`expression nested deeper than ${EXPRESSION_MAX_DEPTH} levels`);
  let node: MathNode;
  try {
    node = mathjs().parse(source);
  } catch (error) {
    throw new ExpressionError(
      `cannot parse expression: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const nodes = check(node);
  const code = node.compile();
  // One scope reused across calls: mathjs wraps a plain object per call, a Map it uses as is.
  const scope = new Map<string, number>();
  return {
    source,
    nodes,
    evaluate(t: number): number {
      let value: unknown;
      try {
        scope.set('t', t);
        value = code.evaluate(scope);
      } catch (error) {
        throw new ExpressionError(
          `evaluation failed at t = ${t}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (typeof value !== 'number')
        throw new ExpressionError(
          `at t = ${round(t)} the expression gives ${describe(value)}, not a real number`,
        );
      if (Number.isNaN(value))
        throw new ExpressionError(`at t = ${round(t)} the expression is not a number (NaN)`);
      if (!Number.isFinite(value)) throw new ExpressionError(`at t = ${round(t)} the expression is infinite`);
      if (value < 0)
        throw new ExpressionError(`at t = ${round(t)} the expression is negative (${round(value)})`);
      return value;
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
