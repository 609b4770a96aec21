// The result document of a run, the same from the CLI and the service: provenance (what was
// run, on which inputs), the per-replication results sorted by index, and their aggregate.
// Where, when and by whom it was computed goes in `execution`, which comparisons ignore.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregate } from '@caretwin/model';
import type { AggregateResult, ReplicationResult } from '@caretwin/contracts';
import type { Provenance, Region, Scenario } from '@caretwin/scenario';
import {
  dataVersion,
  modelVersion,
  reproducibilityHash,
  type Reproducibility,
  type ReproducedInputs,
} from './reproduce';
import type { RunInput } from './run-input';

/** How much of one input family is synthetic or estimated (shown beside every table). */
export interface InputLabel {
  /** 'municipalities', 'hospitals', 'ambulanceBases', 'conditions', 'arrivalProfiles', 'transport', 'region' */
  input: string;
  items: number;
  synthetic: number;
  estimated: number;
  sources: string[];
}

export interface RunProvenance {
  software: { name: string; version: string };
  /** the model's version (MODEL_VERSION of @caretwin/model) */
  model: { name: string; version: string };
  /** the region's id and content version (sha256 of its canonical JSON) */
  data: { region: string; version: string };
  /** the scenario as written (extends resolved, defaults filled) */
  scenario: Scenario;
  /** the resolved region, so a report can draw the map from the result alone */
  region: Region;
  seed: number;
  replications: number;
  replicationIndices: number[];
  inputs: InputLabel[];
  /** sha256 over the canonical JSON of the fields that reproduce the run (reproduce.ts) */
  reproducibility: Reproducibility;
}

export interface RunResultDocument<E = Record<string, unknown>> {
  schemaVersion: 1;
  provenance: RunProvenance;
  replications: ReplicationResult[];
  aggregate: AggregateResult;
  /** what a modeller should know before trusting the figures (the aggregate's, e.g. MSER-5) */
  warnings: string[];
  /** timings, worker ids, host, run id, command line: everything that may differ between runs */
  execution: E;
}

let cachedVersion: string | undefined;
/** The repository's version (libs/runner/{src,dist} → ../../../package.json). */
export function softwareVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
        version?: string;
      };
      cachedVersion = pkg.version ?? '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion;
}

function label(input: string, items: Array<{ provenance?: Provenance }>): InputLabel {
  const sources = new Set<string>();
  let synthetic = 0;
  let estimated = 0;
  for (const item of items) {
    if (item.provenance?.synthetic) synthetic++;
    if (item.provenance?.estimated) estimated++;
    if (item.provenance?.source) sources.add(item.provenance.source);
  }
  return { input, items: items.length, synthetic, estimated, sources: [...sources].sort() };
}

export function inputLabels(region: Region): InputLabel[] {
  return [
    label('region', [region]),
    label('municipalities', region.municipalities),
    label('hospitals', region.hospitals),
    label('ambulanceBases', region.ambulanceBases),
    label('conditions', region.conditions),
    label('arrivalProfiles', [region.arrivalProfiles]),
    label('transport', [region.transport]),
  ];
}

/** One line naming the synthetic or estimated inputs, for CSV headers and report footers. */
export function inputLabelLine(labels: InputLabel[]): string {
  const parts = labels
    .filter((l) => l.synthetic > 0 || l.estimated > 0)
    .map((l) => {
      const kinds = [
        l.synthetic ? `synthetic ${l.synthetic}/${l.items}` : '',
        l.estimated ? `estimated ${l.estimated}/${l.items}` : '',
      ].filter(Boolean);
      return `${l.input} (${kinds.join(', ')})`;
    });
  return parts.length
    ? `synthetic or estimated inputs: ${parts.join('; ')}`
    : 'synthetic or estimated inputs: none';
}

/**
 * Assembles the document. `precomputed` lets a caller that already aggregated (the service's
 * parent job) pass its aggregate; it must be aggregate() of the same sorted results.
 */
export function buildRunResult<E>(
  input: RunInput,
  results: ReplicationResult[],
  execution: E,
  precomputed?: AggregateResult,
): RunResultDocument<E> {
  const replications = [...results].sort((a, b) => a.replication - b.replication);
  const indices = replications.map((r) => r.replication);
  const reproduced: ReproducedInputs = {
    software: { name: 'caretwin', version: softwareVersion() },
    model: modelVersion(),
    data: { region: input.region.id, version: dataVersion(input.region) },
    scenario: input.scenario,
    region: input.region,
    seed: input.scenario.seed,
    replicationIndices: indices,
  };
  const summary = precomputed ?? aggregate(replications);
  return {
    schemaVersion: 1,
    provenance: {
      ...reproduced,
      replications: replications.length,
      inputs: inputLabels(input.region),
      reproducibility: reproducibilityHash(reproduced),
    },
    replications,
    aggregate: summary,
    warnings: summary.warnings ?? [],
    execution,
  };
}
