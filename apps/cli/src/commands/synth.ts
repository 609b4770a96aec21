// `caretwin synth`: writes a synthetic region of any size as a scenarios directory (see
// synth/write-scenarios-dir.ts), checks it with the region loader, and prints what it made —
// including the expected patients in beds of its baseline (the static need's census).
import { join, relative, resolve } from 'node:path';
import { staticNeed } from '@caretwin/model';
import { BED_FUNCTIONS, ScenarioCatalog, loadRegion, type Region } from '@caretwin/scenario';
import {
  bedsPer1000Of,
  synthesizeRegion,
  SYNTH_LIMITS,
  type SynthOptions,
  type TemplateParts,
} from '../synth/synthetic-region';
import { OutputExistsError, writeScenariosDir } from '../synth/write-scenarios-dir';
import { repoRoot } from './validate';
import { CommandError, defaultIO, reportFailure, type CommandIO } from './run';

export interface SynthCommandOptions {
  areas: number;
  population: number;
  hospitals: number;
  municipalities?: number;
  seed: number;
  out: string;
  id: string;
  template: string;
  bedsPer1000?: number;
  ambulancesPer100k?: number;
  force?: boolean;
  json?: boolean;
}

function templateParts(id: string): TemplateParts {
  const root = repoRoot();
  const catalog = new ScenarioCatalog({
    shippedDir: join(root, 'scenarios'),
    regionsDir: join(root, 'scenarios', 'data'),
  });
  const region = catalog.region(id);
  const {
    conditions,
    arrivalProfiles,
    transport,
    eligibility,
    occupancyTargets,
    resourcePointThresholds,
    sources,
  } = region;
  return {
    id,
    conditions,
    arrivalProfiles,
    transport,
    eligibility,
    occupancyTargets,
    resourcePointThresholds,
    sources,
    bedsPer1000: bedsPer1000Of(region),
  };
}

function check(options: SynthCommandOptions): void {
  if (options.hospitals < options.areas)
    throw new CommandError(
      `--hospitals (${options.hospitals}) must be at least --areas (${options.areas}): every area gets a hospital`,
    );
  if (options.municipalities !== undefined && options.municipalities < options.areas)
    throw new CommandError(
      `--municipalities (${options.municipalities}) must be at least --areas (${options.areas})`,
    );
  if (options.population < options.areas * 100)
    throw new CommandError(`--population must be at least 100 per area (${options.areas * 100})`);
}

const sumBeds = (region: Region) => {
  const beds = { highAcute: 0, acute: 0, recovery: 0, chronic: 0 };
  for (const h of region.hospitals) for (const f of BED_FUNCTIONS) beds[f] += h.beds[f];
  return beds;
};

export function synthCommand(options: SynthCommandOptions, io: CommandIO = defaultIO()): number {
  try {
    check(options);
    const template = templateParts(options.template);
    const synth: SynthOptions = {
      id: options.id,
      areas: options.areas,
      population: options.population,
      hospitals: options.hospitals,
      municipalities: options.municipalities,
      seed: options.seed,
      bedsPer1000: options.bedsPer1000,
      ambulancesPer100k: options.ambulancesPer100k,
    };
    const region = synthesizeRegion(synth, template);
    const out = resolve(io.cwd, options.out);
    const command = [
      'caretwin synth',
      `--areas ${options.areas}`,
      `--population ${options.population}`,
      `--hospitals ${options.hospitals}`,
      `--seed ${options.seed}`,
      `--id ${options.id}`,
    ].join(' ');
    const { regionDir, scenarioFile } = writeScenariosDir(out, region, command, options.force ?? false);

    // What was written must load as any region does (schema and cross-references).
    loadRegion(regionDir, { displayRoot: io.cwd });
    const catalog = new ScenarioCatalog({
      shippedDir: out,
      regionsDir: join(out, 'data'),
      displayRoot: io.cwd,
    });
    const resolved = catalog.resolve(`${region.id}-baseline`);
    const need = staticNeed(resolved).prefecture;
    const census = need.reduce((s, r) => s + r.census, 0);
    const beds = sumBeds(region);
    const vehicles = region.ambulanceBases.reduce((s, b) => s + b.vehicles, 0);
    const shown = (p: string) => relative(io.cwd, p) || '.';
    const summary = {
      region: shown(regionDir),
      scenario: shown(scenarioFile),
      areas: region.areas.length,
      municipalities: region.municipalities.length,
      population: options.population,
      hospitals: region.hospitals.length,
      beds,
      ambulances: vehicles,
      expectedPatientsInBeds: Math.round(census),
    };
    if (options.json) io.out(JSON.stringify(summary, null, 2));
    else {
      const n = (x: number) => Math.round(x).toLocaleString('en-US');
      io.out(`wrote ${summary.region}/ and ${summary.scenario}`);
      io.out(
        `  ${n(summary.areas)} areas, ${n(summary.municipalities)} municipalities, ${n(options.population)} people (2020), ${n(summary.hospitals)} hospitals, ${n(vehicles)} ambulances`,
      );
      io.out(
        `  beds: ${BED_FUNCTIONS.map((f) => `${f} ${n(beds[f])}`).join(', ')} (total ${n(BED_FUNCTIONS.reduce((s, f) => s + beds[f], 0))})`,
      );
      io.out(`  expected patients in beds (static need census, ${resolved.scenario.year}): ${n(census)}`);
      io.out(`  run it: caretwin run ${summary.scenario}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof OutputExistsError) {
      io.err(error.message);
      return 1;
    }
    const code = reportFailure(error, io);
    if (code === undefined) throw error;
    return code;
  }
}

export { SYNTH_LIMITS };
