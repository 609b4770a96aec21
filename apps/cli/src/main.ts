// The `caretwin` command. Each subcommand lives in its own module; this file only wires them
// and states every option with its default and unit (what `--help` shows).
import { Command, InvalidArgumentError, Option } from 'commander';
import { softwareVersion } from '@caretwin/runner';
import { BACKTEST_DEFAULT_SCENARIO, backtestCommand } from './commands/backtest';
import { compareCommand } from './commands/compare';
import { FEED_DEFAULT_SEED, feedCommand } from './commands/feed';
import { addRunOptions, defaultWorkers, parsePositiveInt, parseSeed } from './commands/options';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { storeCommand } from './commands/store';
import { SYNTH_LIMITS, synthCommand } from './commands/synth';
import { tokenCommand } from './commands/token';
import { runValidate } from './commands/validate';
import { runDemo } from './demo';
import { FEED_FORMATS } from './feed/body';
import { parseSpeed } from './feed/speed';
import { looksLikeFile, scenarioDirsFor } from './scenario/scenario-argument';

const program = new Command('caretwin')
  .description(
    'CareTwin — a regional healthcare digital twin for secondary medical areas (二次医療圏), from a terminal, without Redis',
  )
  .version(softwareVersion(), '-V, --version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
A scenario is a YAML/JSON file or the id of a shipped scenario (scenarios/*.yaml), e.g.
miyagi-2025-baseline. Times are minutes, stays and horizons days, occupancy a share of beds.

Examples:
  caretwin validate miyagi-acute-to-recovery
  caretwin run miyagi-2025-baseline --replications 10 --workers 2 --out results/base
  caretwin compare miyagi-2025-baseline miyagi-acute-to-recovery --days 180
  caretwin report results/miyagi-acute-to-recovery --baseline results/base --out report.html
  caretwin synth --areas 330 --population 125000000 --hospitals 8000 --out synth/japan --id japan`,
  );

// `caretwin … | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** Sets the exit code; after an interrupt, exits at once (threads are already stopped). */
function finish(code: number): void {
  process.exitCode = code;
  if (code === 130 || code === 143) process.exit(code);
}

program
  .command('validate')
  .argument('<fileOrId>', 'scenario file (.yaml/.json) or scenario id')
  .description(
    'check a scenario: every problem with file, path, line and column (exit 1), or a summary of the resolved scenario (exit 0)',
  )
  .option('--json', 'print the error body or the summary as JSON')
  .option(
    '--scenarios <dir>',
    'scenarios directory to resolve ids and `extends` in, with regions in <dir>/data (default: the directory of a scenario file when it has data/, else scenarios/)',
  )
  .action((argument: string, options: { json?: boolean; scenarios?: string }) => {
    const cwd = process.cwd();
    const custom = options.scenarios !== undefined || looksLikeFile(argument);
    const dirs = custom ? scenarioDirsFor(argument, { scenariosDir: options.scenarios, cwd }) : {};
    const { exitCode, output } = runValidate(argument, {
      json: options.json,
      color: Boolean(process.stdout.isTTY),
      ...dirs,
    });
    (exitCode === 0 || options.json ? process.stdout : process.stderr).write(`${output}\n`);
    process.exitCode = exitCode;
  });

addRunOptions(
  program
    .command('run')
    .argument('<fileOrId>', 'scenario file (.yaml/.json) or scenario id')
    .description(
      'run every replication of a scenario on worker threads; print KPIs with 95 % CIs; write result.json and CSV tables (UTF-8 with BOM). Ctrl-C stops cleanly (exit 130), writing nothing',
    ),
)
  .addOption(
    new Option(
      '-o, --out <dir>',
      'output directory for result.json and the CSV tables (default: results/<scenario id>)',
    ),
  )
  .option('--json', 'print the output directory and the aggregate KPIs as JSON instead of the table')
  .action(async (argument: string, options: Parameters<typeof runCommand>[1]) =>
    finish(await runCommand(argument, options)),
  );

addRunOptions(
  program
    .command('compare')
    .argument('<a>', 'baseline: result.json (or a directory holding one), scenario file or scenario id')
    .argument('<b>', 'what-if: the same kinds; differences are b − a')
    .description(
      'compare two runs KPI by KPI: b − a with its 95 % CI, paired on common random numbers when seeds and replications match, else unpaired (Welch, and said so); scenarios are run first with the run options',
    ),
)
  .addOption(
    new Option(
      '-o, --out <dir>',
      'save the runs this command computed as <dir>/a-<id>/ and <dir>/b-<id>/ (default: not saved)',
    ),
  )
  .option('--json', 'print the comparison (every KPI) as JSON instead of the table')
  .action(async (a: string, b: string, options: Parameters<typeof compareCommand>[2]) =>
    finish(await compareCommand(a, b, options)),
  );

program
  .command('report')
  .argument(
    '<result>',
    'result.json of a run (or the directory holding it), from `caretwin run` or GET /api/runs/:id/result',
  )
  .description(
    "write one standalone HTML report that opens offline: the scenario, its levers, KPIs with 95 % CIs, the dashboard's charts (map, occupancy, flows, static need, time distributions; each exports PNG/SVG/CSV) and the assumptions",
  )
  .addOption(
    new Option('-o, --out <file>', 'the HTML file to write (default: report.html beside the result)'),
  )
  .addOption(
    new Option(
      '--baseline <result>',
      'a baseline result.json: the report adds the lever differences and b − a per KPI with 95 % CIs (paired when seed and replications match, else Welch)',
    ),
  )
  .option('--json', 'print the written file, its size and the comparison method as JSON')
  .action((argument: string, options: { out?: string; baseline?: string; json?: boolean }) => {
    process.exitCode = reportCommand(argument, options);
  });

const count =
  (what: string, max: number) =>
  (value: string): number => {
    const n = Number(value.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n < 1 || n > max)
      throw new InvalidArgumentError(
        `${what} must be a whole number from 1 to ${max.toLocaleString('en-US')}`,
      );
    return n;
  };
const positive =
  (what: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a positive number`);
    return n;
  };

program
  .command('synth')
  .description(
    'write a synthetic region of any size as a scenarios directory: <out>/data/<id>/*.yaml (valid under the region schema) and <out>/<id>-baseline.yaml, runnable with `caretwin run`',
  )
  .addOption(
    new Option(
      '--areas <n>',
      `secondary medical areas, on a grid of about 33 × 34 km cells (1–${SYNTH_LIMITS.areas})`,
    )
      .argParser(count('--areas', SYNTH_LIMITS.areas))
      .makeOptionMandatory(),
  )
  .addOption(
    new Option(
      '--population <persons>',
      'people in the census year 2020 (e.g. 125000000; projections to 2040 follow the national trend)',
    )
      .argParser(count('--population', SYNTH_LIMITS.population))
      .makeOptionMandatory(),
  )
  .addOption(
    new Option(
      '--hospitals <n>',
      `hospitals, at least one per area (up to ${SYNTH_LIMITS.hospitals.toLocaleString('en-US')})`,
    )
      .argParser(count('--hospitals', SYNTH_LIMITS.hospitals))
      .makeOptionMandatory(),
  )
  .addOption(
    new Option('--out <dir>', 'scenarios directory to write into (created if missing)').makeOptionMandatory(),
  )
  .addOption(new Option('--seed <n>', 'random seed of the layout and sizes').argParser(parseSeed).default(1))
  .addOption(new Option('--id <id>', 'region id (its directory name under <out>/data)').default('synthetic'))
  .addOption(
    new Option('--municipalities <n>', 'municipalities (default: 5.3 per area, as in Japan)').argParser(
      count('--municipalities', SYNTH_LIMITS.municipalities),
    ),
  )
  .addOption(
    new Option(
      '--template <region>',
      'shipped region whose conditions, pathways, arrival profiles, transport and eligibility are reused',
    ).default('miyagi'),
  )
  .addOption(
    new Option(
      '--beds-per-1000 <beds>',
      "beds in use per 1,000 people, all functions, split as in the template (default: the template's, 8.3 for miyagi)",
    ).argParser(positive('--beds-per-1000')),
  )
  .addOption(
    new Option('--ambulances-per-100k <n>', 'ambulances per 100,000 people (one base per municipality)')
      .argParser(positive('--ambulances-per-100k'))
      .default(5.4),
  )
  .option('--force', 'replace an existing region and baseline of the same id in <out>')
  .option('--json', 'print the summary as JSON')
  .action((options: Parameters<typeof synthCommand>[0]) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(options.id))
      program.error('--id uses letters, digits, ".", "_" and "-" and starts with a letter or digit');
    process.exitCode = synthCommand(options);
  });

const isoDate =
  (what: string) =>
  (value: string): string => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new InvalidArgumentError(`${what} is a date YYYY-MM-DD`);
    return value;
  };

program
  .command('feed')
  .description(
    'simulate a seeded "true" census history (one replication, warm-up first, its last day yesterday in Japan) and post it one day at a time to POST /api/census?synthetic=true as daily reports of every hospital × bed function, labelled synthetic (docs/forecasting.md "Synthetic feed")',
  )
  .addOption(
    new Option(
      '--scenario <fileOrId>',
      'the scenario simulated: its region must be the one the api takes reports for',
    ).default('miyagi-2025-baseline'),
  )
  .addOption(
    new Option('--days <n>', 'days of history (after warm-up)')
      .argParser(parsePositiveInt('--days', 3650))
      .default(120),
  )
  .addOption(
    new Option(
      '--speed <speed>',
      "'max' (each day once the api answered the last) or <n>d/<time>, e.g. 1d/2s (a day every 2 s; ms, s, m, h)",
    )
      .argParser((value: string) => {
        const speed = parseSpeed(value);
        if (!speed) throw new InvalidArgumentError("'max' or <n>d/<time> such as 1d/2s, 7d/1m");
        return speed;
      })
      .default(parseSpeed('max'), 'max'),
  )
  .addOption(new Option('--url <url>', "the api's base URL").default('http://127.0.0.1:3000'))
  .addOption(
    new Option(
      '--format <format>',
      'CSV (SANER-coded columns) or FHIR (Bundle of SANER MeasureReports, tagged HTEST)',
    )
      .choices(FEED_FORMATS)
      .default('csv'),
  )
  .addOption(
    new Option('--seed <n>', "the truth's random seed (kept apart from the forecasts' seed 1)")
      .argParser(parseSeed)
      .default(FEED_DEFAULT_SEED),
  )
  .addOption(
    new Option(
      '--token <token>',
      'bearer token for AUTH_MODE=tokens: planner, admin, or a reporter naming every hospital',
    ).env('CARETWIN_TOKEN'),
  )
  .addOption(
    new Option('--last-date <date>', "the last day's date (default: yesterday in Japan)").argParser(
      isoDate('--last-date'),
    ),
  )
  .addOption(
    new Option(
      '--scenarios <dir>',
      'scenarios directory to resolve the scenario in (default: the shipped scenarios/)',
    ),
  )
  .option('--no-progress', 'no progress bars or lines on stderr')
  .option('--json', 'print what was posted as JSON')
  .action(async (options: Parameters<typeof feedCommand>[0]) => finish(await feedCommand(options)));

program
  .command('backtest')
  .description(
    'rolling-origin backtest of the 14-day census forecast over the census history in the store (or a synthetic truth): per horizon bias, MAE, MAPE and 80/95 % interval coverage against persistence and same-weekday-last-week (docs/forecasting.md "Backtest")',
  )
  .addOption(
    new Option(
      '--data-dir <dir>',
      "the deployment's data directory holding the store (default: DATA_DIR, else ./data)",
    ),
  )
  .addOption(
    new Option(
      '--scenario <fileOrId>',
      "the scenario whose model forecasts (the api's CENSUS_SCENARIO)",
    ).default(undefined, `CENSUS_SCENARIO, else ${BACKTEST_DEFAULT_SCENARIO}`),
  )
  .addOption(
    new Option(
      '--from <date>',
      'first origin (census date forecast from; default: a week after the first report)',
    ).argParser(isoDate('--from')),
  )
  .addOption(
    new Option('--to <date>', 'last origin (default: 14 days before the last report)').argParser(
      isoDate('--to'),
    ),
  )
  .addOption(
    new Option('--every <days>', 'days between origins')
      .argParser(parsePositiveInt('--every', 365))
      .default(7),
  )
  .addOption(
    new Option('-r, --replications <n>', 'replications per forecast')
      .argParser(parsePositiveInt('--replications', 1000))
      .default(40),
  )
  .addOption(new Option('-s, --seed <n>', "the forecasts' random seed").argParser(parseSeed).default(1))
  .addOption(
    new Option('-w, --workers <n>', 'replication threads')
      .argParser(parsePositiveInt('--workers', 256))
      .default(defaultWorkers(), 'the CPUs'),
  )
  .addOption(
    new Option(
      '--synthetic <days>',
      "backtest a synthetic truth of this many days made in memory (as `caretwin feed` makes it) instead of the store's history",
    ).argParser(parsePositiveInt('--synthetic', 3650)),
  )
  .addOption(
    new Option('--truth-seed <n>', "the synthetic truth's seed")
      .argParser(parseSeed)
      .default(FEED_DEFAULT_SEED),
  )
  .addOption(
    new Option(
      '--scenarios <dir>',
      'scenarios directory to resolve the scenario in (default: the shipped scenarios/)',
    ),
  )
  .option('--no-progress', 'no progress on stderr')
  .option('--json', 'print the whole backtest (per horizon, per area × function, overall) as JSON')
  .action(async (options: Parameters<typeof backtestCommand>[0]) => finish(await backtestCommand(options)));

program
  .command('demo')
  .description('run a small built-in engine demo (one ward, five years) and print what it did')
  .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
  .action((options: { seed: number }) => {
    for (const line of runDemo({ seed: options.seed })) console.log(line);
  });

program.addCommand(tokenCommand());

program.addCommand(storeCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
