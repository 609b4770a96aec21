// Caps on demand expressions (documented in docs/scenarios.md "Expressions").

/** Longest expression, in characters. */
export const EXPRESSION_MAX_LENGTH = 500;
/** Deepest nesting of the parsed expression (operators, calls, parentheses). */
export const EXPRESSION_MAX_DEPTH = 40;

/** Functions an expression may call: scalar, total, cheap. */
export const ALLOWED_FUNCTIONS: readonly string[] = [
  'sin',
  'cos',
  'tan',
  'exp',
  'log',
  'sqrt',
  'abs',
  'min',
  'max',
  'floor',
  'ceil',
  'round',
  'mod',
  'pow',
];
/** Symbols: the time `t` in days and two constants. */
export const ALLOWED_SYMBOLS: readonly string[] = ['t', 'pi', 'e'];
/** Operators by mathjs function name, with how they are written. */
export const ALLOWED_OPERATORS: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  mod: 'mod',
  unaryMinus: '-x',
  unaryPlus: '+x',
  smaller: '<',
  larger: '>',
  smallerEq: '<=',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
  and: 'and',
  or: 'or',
  not: 'not',
};
