// `caretwin backtest`: rolling-origin backtests over the census history in the store (DATA_DIR)
// — or over a synthetic truth made in memory (--synthetic <days>, the feed's history) — per
// horizon 1–14: bias, MAE, MAPE and 80/95 % interval coverage of the forecast the twin would
// have made from each origin, against persistence and same-weekday-last-week
// (docs/forecasting.md "Backtest").
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { addDays, backtestOrigins } from '@caretwin/census';
import type { CensusRow } from '@caretwin/contracts';
import { resolveDataDir } from '@caretwin/config';
import { ReplicationPool, toRunInput } from '@caretwin/runner';
import { CensusRepository, STORE_FILE, openDatabase } from '@caretwin/store';
import { backtestTables } from '../backtest/table';
import { runBacktest, type BacktestResult } from '../backtest/run-backtest';
import { syntheticHistory, todayInJapan } from '../feed/history';
import { watchInterrupts } from '../run/interrupt';
import { resolveScenarioArgument } from '../scenario/scenario-argument';
import { CommandError, defaultIO, reportFailure, type CommandIO } from './run';

export interface BacktestOptions {
  dataDir?: string;
  /** the scenario whose model forecasts (default: CENSUS_SCENARIO, else miyagi-2025-baseline) */
  scenario?: string;
  scenarios?: string;
  from?: string;
  to?: string;
  every: number;
  replications: number;
  seed: number;
  workers: number;
  /** backtest a synthetic truth of this many days made in memory instead of the store's history */
  synthetic?: number;
  truthSeed: number;
  json?: boolean;
  progress: boolean;
}

export const BACKTEST_DEFAULT_SCENARIO = 'miyagi-2025-baseline';

/** The history: the store's census reports (every date), or a synthetic truth ending yesterday. */
function historyRows(
  options: BacktestOptions,
  resolved: ReturnType<typeof resolveScenarioArgument>['resolved'],
  env: NodeJS.ProcessEnv,
): { rows: CensusRow[]; source: string } {
  if (options.synthetic !== undefined) {
    const history = syntheticHistory(resolved, {
      days: options.synthetic,
      lastDate: addDays(todayInJapan(), -1),
      seed: options.truthSeed,
    });
    return {
      rows: history.rows,
      source: `a synthetic truth of ${options.synthetic} days (seed ${options.truthSeed}, in memory)`,
    };
  }
  const dataDir = options.dataDir ?? resolveDataDir({ env });
  if (!existsSync(join(dataDir, STORE_FILE)))
    throw new CommandError(
      `no store at ${join(dataDir, STORE_FILE)}: give the deployment's data directory with --data-dir (or DATA_DIR), or backtest a synthetic truth with --synthetic <days>`,
    );
  const db = openDatabase(dataDir);
  try {
    const census = new CensusRepository(db);
    const first = census.firstDate();
    const last = census.latestDate();
    if (first === null || last === null)
      throw new CommandError(
        `the store at ${dataDir} holds no census reports: post some (caretwin feed, POST /api/census) or use --synthetic <days>`,
      );
    const rows = census.range(first, last);
    const known = new Set(resolved.region.hospitals.map((h) => h.id));
    if (!rows.some((r) => known.has(r.hospital)))
      throw new CommandError(
        `the store's census reports name no hospital of region ${resolved.region.id}: pass the scenario they are about with --scenario`,
      );
    return { rows, source: `the census history in ${dataDir} (${first} … ${last}, ${rows.length} reports)` };
  } finally {
    db.close();
  }
}

export async function backtestCommand(
  options: BacktestOptions,
  io: CommandIO = defaultIO(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let multibar: MultiBar | undefined;
  let pool: ReplicationPool | undefined;
  const interrupt = watchInterrupts((name) => io.err(`${name}: stopping the forecasts…`));
  try {
    const scenario = options.scenario ?? env.CENSUS_SCENARIO ?? BACKTEST_DEFAULT_SCENARIO;
    const { resolved } = resolveScenarioArgument(
      scenario,
      {},
      { scenariosDir: options.scenarios, cwd: io.cwd },
    );
    const { rows, source } = historyRows(options, resolved, env);
    const dates = rows.map((r) => r.date);
    let first = dates[0];
    let last = dates[0];
    for (const d of dates) {
      if (d < first) first = d;
      if (d > last) last = d;
    }
    const origins = backtestOrigins(
      { first, last },
      { from: options.from, to: options.to, every: options.every },
    );
    if (origins.length === 0)
      throw new CommandError(
        `no origin to forecast from in ${first} … ${last}: by default the first origin is a week after the first report and the last 14 days before the last; set --from and --to`,
      );
    if (!options.json)
      io.err(
        `caretwin backtest ${resolved.scenario.id} over ${source}: ${origins.length} origins × ${options.replications} replications of 14 days, ${options.workers} thread${options.workers === 1 ? '' : 's'}`,
      );
    pool = new ReplicationPool({ threads: options.workers });
    // Each replication of a forecast listens to the interrupt while it runs.
    setMaxListeners(options.replications + 10, interrupt.signal);
    let bar: SingleBar | undefined;
    if (options.progress && !options.json && io.tty) {
      multibar = new MultiBar(
        {
          stream: process.stderr,
          hideCursor: true,
          format: 'forecasts |{bar}| {value}/{total} origins {origin}',
        },
        Presets.shades_classic,
      );
      bar = multibar.create(origins.length, 0, { origin: '' });
    }
    const result: BacktestResult = await runBacktest({
      input: toRunInput(resolved),
      rows,
      origins,
      replications: options.replications,
      seed: options.seed,
      pool,
      signal: interrupt.signal,
      onForecast: (done, total, forecast) => {
        if (bar) bar.update(done, { origin: forecast.censusDate });
        else if (options.progress && !options.json)
          io.err(`forecast from ${forecast.censusDate} done (${done}/${total})`);
      },
    });
    multibar?.stop();
    multibar = undefined;
    if (options.json) io.out(JSON.stringify(result, null, 2));
    else for (const line of backtestTables(result)) io.out(line);
    return 0;
  } catch (error) {
    multibar?.stop();
    if (interrupt.exitCode !== undefined) {
      io.err('interrupted: no backtest was printed');
      return interrupt.exitCode;
    }
    const code = reportFailure(error, io);
    if (code === undefined) throw error;
    return code;
  } finally {
    interrupt.dispose();
    await pool?.destroy();
  }
}
