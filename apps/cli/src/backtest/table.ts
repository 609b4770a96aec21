// The backtest as terminal tables: per horizon the model's bias, MAE, MAPE and interval
// coverage beside the two baselines' MAE and MAPE; then per area × function over all horizons.
import type { BacktestScores, ErrorStats } from '@caretwin/census';
import { renderTable } from '../output/table';
import type { BacktestResult } from './run-backtest';

const num = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const signed = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(1)}` : '–');
const pct = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)} %`;

const HEADER = [
  'bias',
  'MAE',
  'MAPE',
  '80 % cover',
  '95 % cover',
  'persist. MAE',
  'MAPE',
  'last wk MAE',
  'MAPE',
  'n',
];

const cells = (s: BacktestScores): string[] => {
  const base = (e: ErrorStats): string[] => [num(e.mae), pct(e.mape)];
  return [
    signed(s.model.bias),
    num(s.model.mae),
    pct(s.model.mape),
    pct(s.model.coverage80),
    pct(s.model.coverage95),
    ...base(s.persistence),
    ...base(s.lastWeek),
    String(s.model.n),
  ];
};

export function backtestTables(result: BacktestResult): string[] {
  const o = result.origins;
  const lines = [
    `Backtest of ${result.scenarioId}: ${o.length} origin${o.length === 1 ? '' : 's'} (${o[0] ?? '–'} … ${o[o.length - 1] ?? '–'}), ` +
      `${result.replications} replications each, seed ${result.seed}; ${result.points} area × function × horizon points scored` +
      (result.skipped > 0 ? `, ${result.skipped} left out (no complete truth)` : ''),
    'Beds occupied at midnight per area × function; bias = forecast − actual (beds); coverage: share of actual figures inside the interval.',
    '',
    ...renderTable(
      ['horizon (days)', ...HEADER],
      [...result.horizons.map((h) => [String(h.horizon), ...cells(h)]), ['all', ...cells(result.overall)]],
    ),
    '',
    ...renderTable(
      ['area', 'function', 'mean occ.', ...HEADER],
      result.cells.map((c) => [c.area, c.function, num(c.meanOccupied, 0), ...cells(c)]),
      { leftColumns: 2 },
    ),
  ];
  return lines;
}
