// The demand multiplier is evaluated once per simulated hour (hour h ↔ t = h / 24 days) into a
// typed array; the model reads the array, never the expression, so events cost nothing extra.

import { compileExpression, ExpressionError } from './compile-expression';

/** The expression would cost more than the budget allows (nodes × hourly evaluations). */
export class ExpressionBudgetError extends ExpressionError {
  constructor(
    readonly cost: number,
    readonly budget: number,
    nodes: number,
    hours: number,
  ) {
    super(
      `the expression costs ${cost} node evaluations (${nodes} nodes × ${hours} simulated hours), more than the budget of ${budget} (SCENARIO_EXPRESSION_BUDGET); write a shorter expression or simulate fewer days`,
    );
    this.name = 'ExpressionBudgetError';
  }
}

export interface MultiplierSeries {
  byHour: Float64Array;
  min: number;
  max: number;
}

/**
 * Evaluates `source` for every hour of warm-up + horizon. Throws ExpressionError when the
 * expression is refused, or exceeds `maxMultiplier` (the thinning bound) at any hour, and
 * ExpressionBudgetError, before evaluating anything, when nodes × hours exceeds `budget`.
 */
export function demandMultiplierByHour(
  source: string,
  totalDays: number,
  maxMultiplier: number,
  budget = Infinity,
): MultiplierSeries {
  const expression = compileExpression(source);
  const hours = Math.max(0, Math.round(totalDays * 24));
  const cost = expression.nodes * hours;
  if (cost > budget) throw new ExpressionBudgetError(cost, budget, expression.nodes, hours);
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
