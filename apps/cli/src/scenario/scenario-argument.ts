// What a scenario argument names — a file or a scenario id — and where its region lives.
// A "scenarios directory" holds scenario YAML files and `data/<region>/` (the repository's
// `scenarios/`, or what `caretwin synth` writes). A file inside one is resolved against it, so a
// synthetic region and what-ifs that `extends` its baseline work where they were written;
// anything else against the repository's shipped scenarios (or --scenarios DIR).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  parseText,
  SCENARIO_LIMITS,
  ScenarioCatalog,
  ScenarioValidationError,
  type ResolvedScenario,
} from '@caretwin/scenario';
import { repoRoot } from '../commands/validate';

export interface ScenarioDirs {
  shippedDir: string;
  regionsDir: string;
}

/** Changes a command line asks for (the api's `replications` / `seed` / `horizonDays` shortcuts). */
export interface ScenarioChanges {
  replications?: number;
  seed?: number;
  horizonDays?: number;
  warmupDays?: number;
}

export function looksLikeFile(argument: string): boolean {
  return /\.(ya?ml|json)$/i.test(argument) || argument.includes('/') || argument.includes('\\');
}

const isScenariosDir = (dir: string): boolean =>
  existsSync(join(dir, 'data')) && statSync(join(dir, 'data')).isDirectory();

/** The scenarios directory to resolve an argument against. */
export function scenarioDirsFor(
  argument: string,
  options: { scenariosDir?: string; cwd: string },
): ScenarioDirs {
  if (options.scenariosDir !== undefined) {
    const dir = resolve(options.cwd, options.scenariosDir);
    return { shippedDir: dir, regionsDir: join(dir, 'data') };
  }
  const path = resolve(options.cwd, argument);
  if (existsSync(path) && statSync(path).isFile() && isScenariosDir(dirname(path))) {
    return { shippedDir: dirname(path), regionsDir: join(dirname(path), 'data') };
  }
  const root = repoRoot();
  return { shippedDir: join(root, 'scenarios'), regionsDir: join(root, 'scenarios', 'data') };
}

const shown = (cwd: string, path: string): string => {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
};

function notFound(file: string): ScenarioValidationError {
  return new ScenarioValidationError('SCENARIO_NOT_FOUND', `${file}: no such file`, [
    { file, path: '', line: null, column: null, message: 'no such file' },
  ]);
}

function applyChanges(document: Record<string, unknown>, changes: ScenarioChanges): Record<string, unknown> {
  const out = { ...document };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) out[key] = value;
  return out;
}

const hasChanges = (changes: ScenarioChanges): boolean => Object.values(changes).some((v) => v !== undefined);

export interface ResolvedArgument {
  resolved: ResolvedScenario;
  /** the file as shown to the user, when the argument was a file */
  file?: string;
  dirs: ScenarioDirs;
}

/**
 * Resolves a scenario argument with command-line changes applied as the api applies a run
 * request's: the named scenario becomes the baseline of a what-if that keeps its id and name.
 * `--replications` replaces a `precision` target (the count asked for is run). Throws
 * ScenarioValidationError listing every problem.
 */
export function resolveScenarioArgument(
  argument: string,
  changes: ScenarioChanges,
  options: { scenariosDir?: string; cwd?: string } = {},
): ResolvedArgument {
  const cwd = options.cwd ?? process.cwd();
  const dirs = scenarioDirsFor(argument, { scenariosDir: options.scenariosDir, cwd });
  const catalog = new ScenarioCatalog({ ...dirs, displayRoot: cwd });
  const path = resolve(cwd, argument);
  let resolved: ResolvedScenario;
  let file: string | undefined;

  if (looksLikeFile(argument) || (existsSync(path) && !catalog.get(argument))) {
    file = shown(cwd, path);
    if (!existsSync(path) || !statSync(path).isFile()) throw notFound(file);
    const size = statSync(path).size;
    if (size > SCENARIO_LIMITS.maxBytes) {
      const message = `${file} is too large (${size} bytes, more than the limit of ${SCENARIO_LIMITS.maxBytes} bytes)`;
      throw new ScenarioValidationError('SCENARIO_TOO_LARGE', message, [
        { file, path: '', line: null, column: null, message },
      ]);
    }
    const id = basename(path).replace(/\.(ya?ml|json)$/i, '');
    const text = readFileSync(path, 'utf8');
    // Resolved as written first, so problems in the file are reported at their line and column.
    const asShipped =
      dirname(path) === dirs.shippedDir && /\.ya?ml$/i.test(path) && catalog.get(id)?.source === 'shipped';
    resolved = asShipped ? catalog.resolve(id) : catalog.resolve(text, { file });
    if (hasChanges(changes)) {
      const document = parseText(text, { file }).doc.value as Record<string, unknown>;
      resolved = catalog.resolve(applyChanges(document, changes), { file });
    }
  } else {
    resolved = catalog.resolve(argument);
    file = catalog.get(argument)?.file;
    if (hasChanges(changes)) {
      const base = resolved.scenario;
      resolved = catalog.resolve(
        {
          id: base.id,
          name: base.name,
          description: base.description,
          ...applyChanges({}, changes),
          extends: argument,
        },
        { file: '<command line>' },
      );
    }
  }
  if (changes.replications !== undefined && resolved.scenario.precision) {
    const { precision: _precision, ...scenario } = resolved.scenario;
    resolved = { ...resolved, scenario };
  }
  return { resolved, file, dirs };
}
