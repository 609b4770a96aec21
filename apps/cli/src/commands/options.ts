// Options shared by `run` and `compare`, with their parsers: help texts state defaults and units.
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';

export interface RunLikeOptions {
  replications?: number;
  seed?: number;
  days?: number;
  warmup?: number;
  workers?: number;
  scenarios?: string;
  progress: boolean;
  json?: boolean;
  all?: boolean;
  /** print the local KPIs by 二次医療圏 (issue 16) */
  areas?: boolean;
  /** only this area in that table (implies areas) */
  area?: string;
}

const integer =
  (min: number, max: number, what: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${what} must be an integer from ${min} to ${max.toLocaleString('en-US')}`,
      );
    }
    return n;
  };

export const parsePositiveInt = (what: string, max = 1_000_000) => integer(1, max, what);
export const parseSeed = integer(0, Number.MAX_SAFE_INTEGER, 'the seed');

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Adds the options of a run (also used by compare for the scenarios it has to run). */
export function addRunOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-r, --replications <n>',
        "replications to run (default: the scenario's `replications`; replaces a `precision` target)",
      ).argParser(parsePositiveInt('--replications', 1000)),
    )
    .addOption(
      new Option(
        '-s, --seed <n>',
        "random seed, 0 or more (default: the scenario's `seed`, 1 for shipped ones)",
      ).argParser(parseSeed),
    )
    .addOption(
      new Option(
        '-d, --days <n>',
        "simulated days reported, after warm-up (default: the scenario's `horizonDays`)",
      ).argParser(parsePositiveInt('--days', 3650)),
    )
    .addOption(
      new Option('--warmup <n>', "warm-up days, discarded (default: the scenario's `warmupDays`)").argParser(
        integer(0, 3650, '--warmup'),
      ),
    )
    .addOption(
      new Option(
        '-w, --workers <n>',
        `worker threads running replications in parallel (default: the CPU count, ${defaultWorkers()} here, at most one per replication); results do not depend on it`,
      ).argParser(parsePositiveInt('--workers', 256)),
    )
    .addOption(
      new Option(
        '--scenarios <dir>',
        'scenarios directory to resolve ids and `extends` in, with its regions in <dir>/data (default: the directory of a scenario file when it has data/, else the shipped scenarios/)',
      ),
    )
    .addOption(new Option('--no-progress', 'no progress bars or progress lines on stderr'))
    .addOption(new Option('--all', 'list every KPI in the table, not only the headline ones'))
    .addOption(
      new Option(
        '--areas',
        'also print the local KPIs by 二次医療圏 (call → scene, call → hospital, difficult transports, inquiries refused, walk-ins redirected, admissions, overflow, left region, bed blocking, occupancy, outflow)',
      ),
    )
    .addOption(new Option('--area <id>', 'print that table for one area only (implies --areas)'));
}
