// The api's scenario resolver threads (libs/runner ScenarioResolverPool) on the built thread
// entry: the same answer as resolving in-process, saved scenarios fetched on demand, a cache
// that notices a new saved version, and a time limit that ends the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryScenarioSource, ScenarioCatalog, ScenarioValidationError } from '@caretwin/scenario';
import { makeScenarioWorkspace, type ScenarioWorkspace } from '../../libs/scenario/src/testing/tiny-region';
import { ScenarioResolverPool } from '../../libs/runner/src/resolver-pool';
import { ensureBuilt } from './harness/build';

async function refusal(promise: Promise<unknown>): Promise<ScenarioValidationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('ScenarioResolverPool', () => {
  let ws: ScenarioWorkspace;
  let saved: InMemoryScenarioSource;
  let pool: ScenarioResolverPool;

  beforeAll(async () => {
    await ensureBuilt();
    ws = makeScenarioWorkspace();
    ws.ship('base', {
      region: 'tiny',
      horizonDays: 30,
      demand: { multiplier: '1 + 0.1*sin(t)', maxMultiplier: 1.5 },
    });
    saved = new InMemoryScenarioSource();
    saved.save('plan-a', 'extends: base\nseed: 4\n');
    saved.save('plan-b', { extends: 'plan-a', horizonDays: 40 });
    pool = new ScenarioResolverPool({
      shippedDir: ws.shippedDir,
      regionsDir: ws.regionsDir,
      saved,
      threads: 1,
      timeoutMs: 120_000,
      expressionBudget: 10_000_000,
      cacheEntries: 10,
    });
  }, 180_000);

  afterAll(async () => {
    await pool?.destroy();
    ws?.remove();
  });

  it('answers what the catalog answers in-process, fetching saved baselines as the thread asks', async () => {
    const catalog = new ScenarioCatalog({ shippedDir: ws.shippedDir, regionsDir: ws.regionsDir, saved });
    const here = catalog.resolve('plan-b', { file: '<request>' });
    const { resolved } = await pool.resolve({ ref: 'plan-b', file: '<request>' });
    expect(resolved.scenario).toEqual(JSON.parse(JSON.stringify(here.scenario)));
    expect(resolved.scenario.seed).toBe(4);
    expect(resolved.region.id).toBe('tiny');
    expect(Array.from(resolved.demandMultiplierByHour)).toEqual(Array.from(here.demandMultiplierByHour));
  });

  it('serves a repeated request from its cache until a saved scenario it used gets a new version', async () => {
    const first = await pool.resolve({ scenario: { extends: 'plan-a' } });
    const again = await pool.resolve({ scenario: { extends: 'plan-a' } });
    expect(again).toBe(first);
    saved.save('plan-a', 'extends: base\nseed: 9\n');
    const after = await pool.resolve({ scenario: { extends: 'plan-a' } });
    expect(after).not.toBe(first);
    expect(after.resolved.scenario.seed).toBe(9);
  });

  it('refuses an expression over the cost budget before evaluating it, naming the field', async () => {
    const error = await refusal(
      pool.resolve({
        scenario: {
          region: 'tiny',
          horizonDays: 3650,
          warmupDays: 3650,
          demand: { multiplier: `1${' + 0*sin(t)'.repeat(20)}` }, // 81 nodes × 175,200 hours
        },
      }),
    );
    expect(error.code).toBe('SCENARIO_TOO_COSTLY');
    expect(error.issues[0].path).toBe('demand.multiplier');
  });

  it('ends a resolution over the time limit with SCENARIO_TIMEOUT', async () => {
    const slow = new ScenarioResolverPool({
      shippedDir: ws.shippedDir,
      regionsDir: ws.regionsDir,
      threads: 1,
      timeoutMs: 200,
      expressionBudget: Infinity,
      cacheEntries: 0,
    });
    try {
      // 7,300 days of a long expression: seconds of CPU, far over 200 ms.
      const multiplier = `1+${Array.from({ length: 20 }, (_, i) => `0.001*sin(t/${i + 3})`).join('+')}`;
      const error = await refusal(
        slow.resolve({
          scenario: { region: 'tiny', horizonDays: 3650, warmupDays: 3650, demand: { multiplier } },
        }),
      );
      expect(error.code).toBe('SCENARIO_TIMEOUT');
      expect(error.httpStatus).toBe(422);
      expect(slow.stats.timeouts).toBe(1);
    } finally {
      await slow.destroy();
    }
  });
});
