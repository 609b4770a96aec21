import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError } from './compile-expression';
import { demandMultiplierByHour } from './multiplier-by-hour';

function refusedBecause(source: string, t = 0): string {
  try {
    compileExpression(source).evaluate(t);
  } catch (error) {
    if (error instanceof ExpressionError) return error.message;
    throw error;
  }
  throw new Error(`expected "${source.slice(0, 40)}" to be refused`);
}

describe('compileExpression', () => {
  it('evaluates the documented forms: numbers, seasons, waves, steps', () => {
    expect(compileExpression('1.1').evaluate(5)).toBe(1.1);
    expect(compileExpression('1 + 0.2*sin(2*pi*t/365)').evaluate(365 / 4)).toBeCloseTo(1.2, 12);
    expect(compileExpression('1 + 0.3*exp(-((t - 200)/20)^2)').evaluate(200)).toBeCloseTo(1.3, 12);
    expect(compileExpression('t < 180 ? 1 : 1.2').evaluate(200)).toBe(1.2);
    expect(compileExpression('mod(t, 7) < 5 ? 1.1 : 0.8').evaluate(6)).toBe(0.8);
    expect(compileExpression('max(0.5, min(1.5, 1 + t/100))').evaluate(100)).toBe(1.5);
    expect(compileExpression('(t > 3) * 0.5 + 1').evaluate(4)).toBe(1.5);
    expect(compileExpression('e^0').evaluate(0)).toBe(1);
  });

  it('refuses functions off the allow-list, such as zeros(1e5, 1e5) and ones(…)', () => {
    expect(refusedBecause('zeros(1e5, 1e5)')).toMatch(
      /^function "zeros" is not allowed; allowed functions: sin, cos/,
    );
    expect(refusedBecause('ones(3, 3)')).toMatch(/^function "ones" is not allowed/);
    expect(refusedBecause('import({x: 1})')).toMatch(/function "import" is not allowed/);
    expect(refusedBecause('evaluate("1")')).toMatch(/function "evaluate" is not allowed/);
    expect(refusedBecause('random()')).toMatch(/function "random" is not allowed/);
  });

  it('refuses complex results such as sqrt(-1)', () => {
    expect(refusedBecause('sqrt(-1)')).toBe(
      'at t = 0 the expression gives a complex number, not a real number',
    );
    expect(refusedBecause('1 + sqrt(t - 10)', 2)).toBe(
      'at t = 2 the expression gives a complex number, not a real number',
    );
  });

  it('refuses units, strings and unknown symbols', () => {
    expect(refusedBecause('5 cm')).toBe(
      'unknown symbol "cm" (units are not allowed); allowed symbols: t, pi, e',
    );
    expect(refusedBecause('x + 1')).toMatch(/^unknown symbol "x"/);
    expect(refusedBecause('"abc"')).toMatch(/only numbers are allowed as constants/);
    expect(refusedBecause('sin')).toBe('unknown symbol "sin" (call it: sin(…)); allowed symbols: t, pi, e');
  });

  it('refuses matrices and ranges', () => {
    expect(refusedBecause('[1, 2]')).toBe('matrices and arrays are not allowed');
    expect(refusedBecause('1:3')).toBe('ranges (a:b) are not allowed');
    expect(refusedBecause('{a: 1}')).toBe('objects are not allowed');
  });

  it('refuses function definitions, assignments and several statements', () => {
    expect(refusedBecause('f(x) = x^2')).toBe('function definitions (f(x) = …) are not allowed');
    expect(refusedBecause('f(x) = f(x); f(1)')).toBe('only one expression is allowed (no ";" or new lines)');
    expect(refusedBecause('a = 1')).toBe('assignments are not allowed');
    expect(refusedBecause('1\n2')).toBe('only one expression is allowed (no ";" or new lines)');
  });

  it('refuses property access and indexing', () => {
    expect(refusedBecause('t.constructor')).toBe('property access and indexing are not allowed');
    expect(refusedBecause('sin.toString()')).toBe('only calls of named functions are allowed');
    expect(refusedBecause('[1,2][1]')).toBe('property access and indexing are not allowed');
  });

  it('refuses deep nesting before parsing and deep operator chains after', () => {
    expect(refusedBecause('('.repeat(41) + 't' + ')'.repeat(41))).toBe(
      'expression nested deeper than 40 levels',
    );
    expect(refusedBecause('-'.repeat(60) + '1')).toBe('expression nested deeper than 40 levels');
    expect(refusedBecause('sin('.repeat(45) + 't' + ')'.repeat(45))).toBe(
      'expression nested deeper than 40 levels',
    );
  });

  it('refuses very long input without parsing it', () => {
    expect(refusedBecause('1+'.repeat(50_000) + '1')).toBe('expression longer than 500 characters (100001)');
  });

  it('refuses booleans, NaN, infinities and negative values', () => {
    expect(refusedBecause('t > 3')).toBe(
      'at t = 0 the expression gives a boolean (false), not a real number',
    );
    expect(refusedBecause('0/0')).toBe('at t = 0 the expression is not a number (NaN)');
    expect(refusedBecause('1/t')).toBe('at t = 0 the expression is infinite');
    expect(refusedBecause('log(t)')).toBe('at t = 0 the expression is infinite');
    expect(refusedBecause('pow(10, 400)')).toBe('at t = 0 the expression is infinite');
    expect(refusedBecause('1e400')).toBe('numbers must be finite');
    expect(refusedBecause('sin(t) - 2')).toMatch(/^at t = 0 the expression is negative \(-2\)/);
  });

  it('refuses operators off the allow-list', () => {
    expect(refusedBecause('3!')).toBe('operator "!" is not allowed');
    expect(refusedBecause('t .* 2')).toBe('operator ".*" is not allowed');
  });
});

describe('demandMultiplierByHour', () => {
  it('evaluates once per simulated hour, hour h at t = h / 24 days', () => {
    const series = demandMultiplierByHour('1 + t/100', 3, 2);
    expect(series.byHour).toBeInstanceOf(Float64Array);
    expect(series.byHour.length).toBe(72);
    expect(series.byHour[0]).toBe(1);
    expect(series.byHour[24]).toBeCloseTo(1.01, 12);
    expect(series.byHour[36]).toBeCloseTo(1.015, 12);
    expect(series.min).toBe(1);
    expect(series.max).toBeCloseTo(1 + 71 / 24 / 100, 12);
  });

  it('refuses an expression above maxMultiplier at any hour, naming the hour', () => {
    expect(() => demandMultiplierByHour('t < 10.5 ? 1 : 2.5', 20, 2)).toThrow(
      'the multiplier reaches 2.5 at t = 10.5 (day 10, hour 12), above demand.maxMultiplier = 2; raise maxMultiplier or lower the expression',
    );
  });
});
