// The forecast's prediction intervals on a synthetic truth (issue 18, docs/forecasting.md
// "Backtest"): a seeded history of Miyagi (the feed's, in memory: no server) forecast from 5
// origins 8 days apart, 40 replications each, scored per area × function × horizon 1–14.
//
// The band, and why: with R replications the type-7 quantiles the forecast reports cover a new
// draw of a perfect model only about (R − 1) × 0.8 ÷ (R + 1) = 0.76 of the time for the 80 %
// interval and 0.90 for the 95 % one at R = 40; integer bed counts on an inclusive interval push
// small cells (a dozen high-acute beds) up. The 1,120 points are correlated (16 cells × 14
// horizons per origin): about 5 × 16 × 3 independent ones, a standard error near 0.03. So 80 %
// coverage is held in [0.65, 0.95] and 95 % coverage in [0.85, 1.0]: outside, the intervals are
// biased or far too wide, not unlucky. About 30 s of CPU (200 replications of 14 days, one history).
//
// Measured: 0.66 / 0.76 at b7138ce, 0.70 / 0.83 with the start state's tail and booking-list rules
// (the band failed and this test was `it.fails`), 0.76 / 0.87 with the phases drawn from the
// running region's mix (docs/forecasting.md "Method", "Backtest").
import { beforeAll, describe, expect, it } from 'vitest';
import { backtestOrigins } from '@caretwin/census';
import { toRunInput } from '@caretwin/runner';
import { runBacktest, type BacktestResult } from '../../apps/cli/src/backtest/run-backtest';
import { syntheticHistory } from '../../apps/cli/src/feed/history';
import { resolveScenarioArgument } from '../../apps/cli/src/scenario/scenario-argument';
import { ROOT } from './support';

describe('the backtest on a synthetic truth', () => {
  let report: BacktestResult;

  beforeAll(async () => {
    const { resolved } = resolveScenarioArgument('miyagi-2025-baseline', {}, { cwd: ROOT });
    // The truth's seed is not the forecasts' (1): a forecast must not draw the truth's own streams.
    const history = syntheticHistory(resolved, { days: 60, lastDate: '2026-03-31', seed: 2025 });
    const origins = backtestOrigins({ first: history.dates[0], last: history.dates[59] }, { every: 8 });
    report = await runBacktest({
      input: toRunInput(resolved),
      rows: history.rows,
      origins,
      replications: 40,
      seed: 1,
    });
  }, 300_000);

  it('scores every area × function × horizon of the 5 origins, the 95 % interval holding at least what the 80 % one does', () => {
    expect(report.origins).toHaveLength(5);
    expect(report.points).toBe(5 * 16 * 14);
    expect(report.skipped).toBe(0);
    const { model } = report.overall;
    expect(model.coverage95).toBeGreaterThanOrEqual(model.coverage80);
    expect(model.width80).toBeGreaterThan(0);
  });

  it('finds the 80 % and 95 % prediction intervals covering near their nominal share', () => {
    const { model } = report.overall;
    expect(model.coverage80).toBeGreaterThanOrEqual(0.65);
    expect(model.coverage80).toBeLessThanOrEqual(0.95);
    expect(model.coverage95).toBeGreaterThanOrEqual(0.85);
    expect(model.coverage95).toBeLessThanOrEqual(1);
  });
});
