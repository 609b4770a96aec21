// The demand multiplier is evaluated once per simulated hour (hour h ↔ t = h / 24 days) into a
// typed array; the model reads the array, never the expression, so events cost nothing extra.

import { compileExpression, ExpressionError } from './compile-expression';

export interface MultiplierSeries {
  byHour: Float64Array;
  min: number;
  max: number;
}

/**
 * Evaluates `source` for every hour of warm-up + horizon. Throws ExpressionError when the
 * expression is refused, or exceeds `maxMultiplier` (the thinning bound) at any hour.
 */
export function demandMultiplierByHour(
  source: string,
  totalDays: number,
  maxMultiplier: number,
): MultiplierSeries {
  const expression = compileExpression(source);
  const hours = Math.max(0, Math.round(totalDays * 24));
  const byHour = new Float64Array(hours);
  let min = Infinity;
  let max = -Infinity;
  for (let h = 0; h < hours; h++) {
    const t = h / 24;
    const value = expression.evaluate(t);
    if (value > maxMultiplier) {
      throw new ExpressionError(
        `the multiplier reaches ${Math.round(value * 1e4) / 1e4} at t = ${Math.round(t * 1e4) / 1e4} (day ${Math.floor(t)}, hour ${h % 24}), above demand.maxMultiplier = ${maxMultiplier}; raise maxMultiplier or lower the expression`,
      );
    }
    byHour[h] = value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { byHour, min: hours > 0 ? min : 0, max: hours > 0 ? max : 0 };
}
