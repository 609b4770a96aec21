// Writes a synthetic region as a scenarios directory, the layout of the repository's own
// `scenarios/`: `<out>/data/<region>/*.yaml` (one file per part of the region, as the region
// loader reads them) and `<out>/<region>-baseline.yaml`, a scenario that `caretwin run` takes.
// Items are written one per line as YAML flow mappings, so a Japan-size region stays a few MB
// and loads fast. Written into a temporary directory first, then renamed into place.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Region } from '@caretwin/scenario';

const HEADER = (what: string) =>
  `# ${what}, written by \`caretwin synth\`. Synthetic data: regenerate it rather than editing by hand.\n`;

function sourcesBlock(sources: Record<string, string>): string {
  return `sources:\n${Object.entries(sources)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join('\n')}\n`;
}

const listBlock = (key: string, items: unknown[]): string =>
  `${key}:\n${items.map((item) => `  - ${JSON.stringify(item)}`).join('\n')}\n`;
const valueBlock = (key: string, value: unknown): string => `${key}: ${JSON.stringify(value)}\n`;

/** File name → content of a region directory. */
export function regionFiles(region: Region): Map<string, string> {
  const {
    areas,
    municipalities,
    hospitals,
    ambulanceBases,
    conditions,
    arrivalProfiles,
    transport,
    eligibility,
    occupancyTargets,
    resourcePointThresholds,
    sources,
  } = region;
  const files = new Map<string, string>();
  files.set(
    'region.yaml',
    HEADER('Region') +
      sourcesBlock(sources) +
      valueBlock('id', region.id) +
      valueBlock('name', region.name) +
      valueBlock('censusYear', region.censusYear) +
      valueBlock('occupancyTargets', occupancyTargets) +
      valueBlock('resourcePointThresholds', resourcePointThresholds) +
      (region.provenance ? valueBlock('provenance', region.provenance) : '') +
      listBlock('areas', areas),
  );
  files.set(
    'municipalities.yaml',
    HEADER('Municipalities with population by age band and year') +
      listBlock('municipalities', municipalities),
  );
  files.set(
    'hospitals.yaml',
    HEADER('Hospitals with beds in use by function') + listBlock('hospitals', hospitals),
  );
  files.set('ambulance-bases.yaml', HEADER('Ambulance bases') + listBlock('ambulanceBases', ambulanceBases));
  files.set(
    'conditions.yaml',
    HEADER('Conditions and pathways (from the template region)') + listBlock('conditions', conditions),
  );
  files.set(
    'arrival-profiles.yaml',
    HEADER('Arrival profiles (from the template region)') + valueBlock('arrivalProfiles', arrivalProfiles),
  );
  files.set(
    'transport.yaml',
    HEADER('Transport parameters (from the template region)') + valueBlock('transport', transport),
  );
  files.set(
    'eligibility.yaml',
    HEADER('Eligibility checks (from the template region)') + valueBlock('eligibility', eligibility),
  );
  return files;
}

export function baselineScenarioText(region: Region, command: string): string {
  return [
    `# Baseline of the synthetic region ${region.id}, written by: ${command}`,
    `id: ${region.id}-baseline`,
    `name: {ja: ${JSON.stringify(`${region.id} 合成基準シナリオ`)}, en: ${JSON.stringify(`${region.id} synthetic baseline`)}}`,
    'description:',
    `  ja: ${JSON.stringify(`合成地域 ${region.id}(${region.areas.length}圏域、病院${region.hospitals.length})の基準。性能測定と手法の確認用で、実在の地域ではありません。`)}`,
    `  en: ${JSON.stringify(`Baseline of the synthetic region ${region.id} (${region.areas.length} areas, ${region.hospitals.length} hospitals), for benchmarks and method checks; not a real place.`)}`,
    `region: ${region.id}`,
    'year: 2025',
    'startDate: "2025-04-01"',
    'horizonDays: 365',
    '# started warm (expected census in every bed pool), so a short warm-up suffices',
    'warmupDays: 30',
    'replications: 10',
    'seed: 1',
    'demand: {multiplier: "1", maxMultiplier: 1.5}',
    'initialCensus: {mode: expected}',
    'policies: []',
    '',
  ].join('\n');
}

export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists; choose another --out or --id, or pass --force to replace it`);
    this.name = 'OutputExistsError';
  }
}

/** Writes `<out>/data/<id>/` and `<out>/<id>-baseline.yaml`; returns their paths. */
export function writeScenariosDir(
  out: string,
  region: Region,
  command: string,
  force: boolean,
): { regionDir: string; scenarioFile: string } {
  const regionDir = join(out, 'data', region.id);
  const scenarioFile = join(out, `${region.id}-baseline.yaml`);
  if (!force)
    for (const path of [regionDir, scenarioFile]) if (existsSync(path)) throw new OutputExistsError(path);
  const partial = join(out, `.synth-partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'region'), { recursive: true });
  try {
    for (const [name, text] of regionFiles(region)) writeFileSync(join(partial, 'region', name), text);
    writeFileSync(join(partial, 'baseline.yaml'), baselineScenarioText(region, command));
    mkdirSync(join(out, 'data'), { recursive: true });
    rmSync(regionDir, { recursive: true, force: true });
    renameSync(join(partial, 'region'), regionDir);
    renameSync(join(partial, 'baseline.yaml'), scenarioFile);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return { regionDir, scenarioFile };
}
