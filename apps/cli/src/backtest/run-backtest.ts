// A rolling-origin backtest (docs/forecasting.md "Backtest"): from each origin date, the
// forecast the twin would have made that morning (the latest report of each hospital × function
// at most 7 days old, runForecast of @caretwin/runner), scored against the history that followed
// (libs/census backtest metrics). The history comes from the store (`caretwin backtest`) or from
// a synthetic truth in memory (feed/history.ts), so a test needs no server.
import type { CensusRow, Forecast } from '@caretwin/contracts';
import {
  addDays,
  expectedReports,
  scoreBacktest,
  truthFromRows,
  type BacktestReport,
  type TruthHospital,
} from '@caretwin/census';
import { runForecast, type ReplicationPool, type RunInput } from '@caretwin/runner';

/** A report is a start state for a week (CensusService.startState: dated date − 7 … date). */
const START_STATE_MAX_AGE_DAYS = 7;

export interface BacktestRequest {
  /** the base scenario whose model carries each census forward */
  input: RunInput;
  /** the history: reports of every date the origins and their 14 days need */
  rows: readonly CensusRow[];
  /** census dates to forecast from (backtestOrigins) */
  origins: readonly string[];
  replications: number;
  /** the forecasts' seed (the same for every origin) */
  seed: number;
  pool?: ReplicationPool;
  signal?: AbortSignal;
  /** after each origin's forecast */
  onForecast?: (done: number, total: number, forecast: Forecast) => void;
}

export interface BacktestResult extends BacktestReport {
  scenarioId: string;
  replications: number;
  seed: number;
}

export async function runBacktest(request: BacktestRequest): Promise<BacktestResult> {
  const byDate = new Map<string, CensusRow[]>();
  for (const row of request.rows) {
    const day = byDate.get(row.date);
    if (day) day.push(row);
    else byDate.set(row.date, [row]);
  }
  const forecasts: Forecast[] = [];
  for (const origin of request.origins) {
    const start: CensusRow[] = [];
    for (let d = START_STATE_MAX_AGE_DAYS; d >= 0; d--)
      start.push(...(byDate.get(addDays(origin, -d)) ?? []));
    const forecast = await runForecast(
      {
        input: request.input,
        censusDate: origin,
        start,
        replications: request.replications,
        seed: request.seed,
        id: `backtest-${origin}`,
        createdAt: `${origin}T23:59:59.000Z`,
      },
      { pool: request.pool, signal: request.signal },
    );
    forecasts.push(forecast);
    request.onForecast?.(forecasts.length, request.origins.length, forecast);
  }
  const hospitals: TruthHospital[] = request.input.region.hospitals;
  const report = scoreBacktest(truthFromRows(request.rows, expectedReports(hospitals)), forecasts);
  return {
    scenarioId: request.input.scenario.id,
    replications: request.replications,
    seed: request.seed,
    ...report,
  };
}
