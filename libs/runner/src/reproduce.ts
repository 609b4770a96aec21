// What reproduces a run: the scenario as written, the region, the seed, the replication indices,
// and the versions of the software, the model and the data, hashed together. Two results with the
// same hash were computed from the same inputs by the same model, wherever and however they ran
// (the `execution` block, timings and hosts, is deliberately outside the hash).
import { createHash } from 'node:crypto';
import { MODEL_VERSION } from '@caretwin/model';
import type { Region, Scenario } from '@caretwin/scenario';

/**
 * JSON with object keys sorted at every level (arrays keep their order, undefined members are
 * dropped as JSON.stringify does), so equal values give equal text whatever order their keys
 * were built in. Numbers use JSON's shortest round-trip form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The region's content version: sha256 of its canonical JSON (any edit of the data changes it). */
export function dataVersion(region: Region): string {
  return `sha256:${sha256Hex(canonicalJson(region))}`;
}

export interface Reproducibility {
  /** `sha256:` + hex digest of the canonical JSON of `covers` (and nothing else) */
  hash: string;
  /** which provenance fields the hash covers, in the order they are hashed */
  covers: string[];
}

export interface ReproducedInputs {
  software: { name: string; version: string };
  model: { name: string; version: string };
  data: { region: string; version: string };
  scenario: Scenario;
  region: Region;
  seed: number;
  replicationIndices: number[];
}

const COVERS = ['software', 'model', 'data', 'scenario', 'region', 'seed', 'replicationIndices'] as const;

export function reproducibilityHash(inputs: ReproducedInputs): Reproducibility {
  const covered = Object.fromEntries(COVERS.map((k) => [k, inputs[k]]));
  return { hash: `sha256:${sha256Hex(canonicalJson(covered))}`, covers: [...COVERS] };
}

export const modelVersion = (): { name: string; version: string } => ({
  name: '@caretwin/model',
  version: MODEL_VERSION,
});
