// `caretwin feed`: a living region out of the box (docs/forecasting.md "Synthetic feed"). One
// seeded replication of a scenario is the "true" history of every hospital × function's daily
// census, dated so that its last day is yesterday in Japan, and is posted one day at a time to
// POST /api/census?synthetic=true — as CSV or FHIR, labelled synthetic — at the speed asked.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { addDays } from '@caretwin/census';
import { FeedClient, FeedError } from '../feed/client';
import { requestBody, type FeedFormat } from '../feed/body';
import { syntheticHistory, todayInJapan, type SyntheticHistory } from '../feed/history';
import type { FeedSpeed } from '../feed/speed';
import { watchInterrupts } from '../run/interrupt';
import { resolveScenarioArgument } from '../scenario/scenario-argument';
import { defaultIO, reportFailure, type CommandIO } from './run';

/** The truth's default seed: apart from the forecasts' (the scenarios' seed 1), whose streams it must not share. */
export const FEED_DEFAULT_SEED = 2025;

export interface FeedOptions {
  scenario: string;
  days: number;
  speed: FeedSpeed;
  url: string;
  format: FeedFormat;
  seed: number;
  token?: string;
  /** the last day's date (default: yesterday in Japan, the last whole day) */
  lastDate?: string;
  scenarios?: string;
  progress: boolean;
  json?: boolean;
}

interface FeedProgress {
  log(line: string): void;
  simulating(day: number, total: number): void;
  simulated(seconds: number): void;
  posted(date: string, done: number, total: number, reports: number): void;
  stop(): void;
}

function lineProgress(io: CommandIO, enabled: boolean): FeedProgress {
  const say = enabled ? io.err : () => undefined;
  return {
    log: io.err,
    simulating: () => undefined,
    simulated: (s) => say(`simulated in ${s.toFixed(1)} s`),
    posted: (date, done, total, reports) =>
      say(`${date}: ${reports} synthetic reports posted (${done}/${total})`),
    stop: () => undefined,
  };
}

function barProgress(stream: NodeJS.WriteStream): FeedProgress {
  const multibar = new MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      format: '{name} |{bar}| {value}/{total} days {note}',
      autopadding: true,
    },
    Presets.shades_classic,
  );
  let simulation: SingleBar | undefined;
  let posting: SingleBar | undefined;
  return {
    log: (line) => multibar.log(`${line}\n`),
    simulating: (day, total) => {
      simulation ??= multibar.create(total, 0, { name: 'simulating', note: '' });
      simulation.update(day);
    },
    simulated: (s) => simulation?.update(simulation.getTotal(), { note: `${s.toFixed(1)} s` }),
    posted: (date, done, total) => {
      posting ??= multibar.create(total, 0, { name: 'posting   ', note: '' });
      posting.update(done, { note: date });
    },
    stop: () => multibar.stop(),
  };
}

export async function feedCommand(options: FeedOptions, io: CommandIO = defaultIO()): Promise<number> {
  let progress: FeedProgress | undefined;
  let posted = 0;
  const interrupt = watchInterrupts((name) =>
    (progress ?? { log: io.err }).log(`${name}: stopping after the day being posted…`),
  );
  try {
    const { resolved } = resolveScenarioArgument(
      options.scenario,
      {},
      { scenariosDir: options.scenarios, cwd: io.cwd },
    );
    const lastDate = options.lastDate ?? addDays(todayInJapan(), -1);
    // No abort signal on the requests: Ctrl-C lets the day in flight finish (a second one exits at once).
    const client = new FeedClient({ url: options.url, token: options.token });
    // Before a simulation of seconds: is the api up, may this token read, is it the same region?
    const latest = await client.latest();
    if (latest && latest.regionId !== resolved.region.id)
      throw new FeedError(
        `the api at ${options.url} takes reports for region ${latest.regionId} (CENSUS_SCENARIO), not ${resolved.region.id}: feed a scenario of region ${latest.regionId}`,
      );
    const first = addDays(lastDate, -(options.days - 1));
    if (!options.json)
      io.err(
        `caretwin feed ${resolved.scenario.id}: a synthetic history of ${options.days} days (${first} … ${lastDate}) from ` +
          `${resolved.scenario.warmupDays} warm-up days + ${options.days} simulated days, seed ${options.seed}; ` +
          `posting ${options.format.toUpperCase()} to ${options.url}/api/census?synthetic=true at speed ${options.speed.label}` +
          (latest?.asOf && latest.asOf >= first
            ? ` (the api holds reports up to ${latest.asOf}: days it holds are replaced)`
            : ''),
      );
    progress =
      io.tty && options.progress && !options.json
        ? barProgress(process.stderr)
        : lineProgress(io, options.progress && !options.json);

    const started = Date.now();
    const history: SyntheticHistory = syntheticHistory(resolved, {
      days: options.days,
      lastDate,
      seed: options.seed,
      onDay: (day, total) => progress?.simulating(day, total),
    });
    progress.simulated((Date.now() - started) / 1000);

    let reports = 0;
    const postingStarted = Date.now();
    for (const [i, date] of history.dates.entries()) {
      const due = postingStarted + i * options.speed.msPerDay;
      if (Date.now() < due) await sleepUntil(due, interrupt.signal);
      if (interrupt.exitCode !== undefined) break;
      const rows = history.byDate.get(date) ?? [];
      await client.postDay(date, requestBody(rows, options.format));
      posted++;
      reports += rows.length;
      progress.posted(date, posted, history.dates.length, rows.length);
      if (interrupt.exitCode !== undefined) break;
    }
    progress.stop();
    progress = undefined;
    if (interrupt.exitCode !== undefined) {
      io.err(
        `interrupted: ${posted} of ${history.dates.length} days posted (up to ${history.dates[posted - 1] ?? 'none'})`,
      );
      return interrupt.exitCode;
    }
    const summary = {
      scenarioId: resolved.scenario.id,
      regionId: resolved.region.id,
      seed: options.seed,
      format: options.format,
      url: options.url,
      synthetic: true,
      days: posted,
      from: history.dates[0],
      to: history.dates[history.dates.length - 1],
      reports,
    };
    if (options.json) io.out(JSON.stringify(summary, null, 2));
    else
      io.out(
        `posted ${posted} days of synthetic reports (${summary.from} … ${summary.to}, ${reports} hospital × function reports) to ${options.url}`,
      );
    return 0;
  } catch (error) {
    progress?.stop();
    if (interrupt.exitCode !== undefined) {
      io.err(`interrupted: ${posted} days posted`);
      return interrupt.exitCode;
    }
    if (error instanceof FeedError) {
      io.err(
        `caretwin feed: ${error.message}${posted > 0 ? `\n(${posted} days were posted before this)` : ''}`,
      );
      return 1;
    }
    const code = reportFailure(error, io);
    if (code === undefined) throw error;
    return code;
  } finally {
    interrupt.dispose();
  }
}

function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    signal.addEventListener('abort', done, { once: true });
  });
}
