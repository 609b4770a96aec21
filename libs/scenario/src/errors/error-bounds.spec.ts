// A hostile or careless input gets a bounded answer: YAML parsed in time linear in its size,
// duplicates still refused as parse errors, at most 100 issues, echoed values cut, and an
// expression over the cost budget refused before it is evaluated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../parse/safe-yaml';
import { demandMultiplierByHour, ExpressionBudgetError } from '../expressions/multiplier-by-hour';
import { makeScenarioWorkspace, type ScenarioWorkspace } from '../testing/tiny-region';
import { ScenarioCatalog } from '../scenario/catalog';
import { ScenarioValidationError } from './scenario-validation-error';

function refusal(fn: () => unknown): ScenarioValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioValidationError');
}

const keys = (n: number, extra = '') =>
  Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n') + extra + '\n';

describe('YAML parsing', () => {
  it('reads 70,000 keys in one mapping in linear time (the quadratic check took 72 s)', () => {
    const text = keys(70_000);
    const started = performance.now();
    const { doc } = parseText(text, { file: 'big.yaml', limits: { ...limits, maxBytes: 4e6 } });
    // A generous bound for a noisy 2-core machine: it takes well under a second when idle.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(Object.keys(doc.value as object)).toHaveLength(70_000);
  });

  it('still refuses a key written twice in one mapping as a parse error at the second one', () => {
    const error = refusal(() => parseText('a:\n  x: 1\n  y: 2\n  x: 3\n', { file: 'dup.yaml' }));
    expect(error.code).toBe('SCENARIO_UNPARSEABLE');
    expect(error.issues[0]).toMatchObject({
      path: 'a',
      line: 4,
      column: 3,
      message: 'Map keys must be unique',
    });
  });

  it('lists at most 100 issues and counts the rest in a final one', () => {
    const text = Array.from({ length: 500 }, () => 'x: 1').join('\n');
    const error = refusal(() => parseText(text, { file: 'dups.yaml' }));
    expect(error.issues).toHaveLength(100);
    expect(error.issues[99].message).toBe('400 more issues not listed (the first 99 are)');
  });
});

const limits = { maxBytes: 1024 * 1024, maxDepth: 64, maxAliases: 100, maxNodes: 200_000 };

describe('error bodies', () => {
  let ws: ScenarioWorkspace;
  let catalog: ScenarioCatalog;
  beforeAll(() => {
    ws = makeScenarioWorkspace();
    catalog = new ScenarioCatalog({ shippedDir: ws.shippedDir, regionsDir: ws.regionsDir });
  });
  afterAll(() => ws.remove());

  it('cut an echoed 900 KB id to about 200 characters', () => {
    const id = 'a'.repeat(900_000);
    const error = refusal(() => catalog.resolve({ id, region: 'tiny' }));
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(JSON.stringify(error.body).length).toBeLessThan(3000);
    expect(error.message).toContain('… (899800 more characters)');
  });

  it('name an unknown region REGION_NOT_FOUND', () => {
    expect(refusal(() => catalog.region('atlantis')).code).toBe('REGION_NOT_FOUND');
  });

  it('refuse an expression over the cost budget with SCENARIO_TOO_COSTLY at demand.multiplier', () => {
    const multiplier = `1 + ${Array.from({ length: 20 }, (_, i) => `0.001*sin(t/${i + 2})`).join(' + ')}`;
    const error = refusal(() =>
      catalog.resolve(
        { region: 'tiny', horizonDays: 3650, warmupDays: 3650, demand: { multiplier } },
        { expressionBudget: 10_000_000 },
      ),
    );
    expect(error.code).toBe('SCENARIO_TOO_COSTLY');
    expect(error.httpStatus).toBe(422);
    expect(error.issues[0].path).toBe('demand.multiplier');
    expect(error.issues[0].message).toMatch(/more than the budget of 10000000/);
  });
});

describe('the expression cost budget', () => {
  it('is checked before evaluating: nodes × hours', () => {
    const started = performance.now();
    let caught: unknown;
    try {
      demandMultiplierByHour('1 + 0 * t', 7300, 2, 1000);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionBudgetError);
    expect((caught as ExpressionBudgetError).cost).toBe(5 * 7300 * 24);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('lets a short expression over the longest horizon through at the default budget', () => {
    const series = demandMultiplierByHour('1 + 0.3 * exp(-((t - 150) / 15)^2)', 7300, 2, 10_000_000);
    expect(series.byHour).toHaveLength(7300 * 24);
  });
});
