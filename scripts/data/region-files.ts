// Reads a committed region directory (scenarios/data/<region>/*.yaml) into one Region-shaped
// object, the way the loader in libs/scenario merges it: every file is a mapping of top-level
// Region fields plus an optional `sources` map. No schema here — the real loader validates; this
// reader serves the dev scripts and the data tests, which check the data's own invariants.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Region } from '../../libs/scenario/src/types';

export const REGION_FILES = [
  'region.yaml',
  'municipalities.yaml',
  'hospitals.yaml',
  'ambulance-bases.yaml',
  'conditions.yaml',
  'arrival-profiles.yaml',
  'transport.yaml',
  'eligibility.yaml',
] as const;

export interface RegionDirectory {
  region: Region;
  /** each file's parsed mapping, by file name */
  files: Record<string, Record<string, unknown>>;
}

function mapping(value: unknown, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${file}: not a mapping`);
  return value as Record<string, unknown>;
}

export function readRegionDirectory(dir: string): RegionDirectory {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const files: Record<string, Record<string, unknown>> = {};
  const merged: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const name of names) {
    const body = mapping(parse(readFileSync(join(dir, name), 'utf8')) as unknown, name);
    files[name] = body;
    for (const [key, value] of Object.entries(body)) {
      if (key === 'sources') {
        for (const [k, v] of Object.entries(mapping(value, `${name}: sources`))) {
          if (typeof v !== 'string') throw new Error(`${name}: sources.${k} is not a string`);
          if (k in sources && sources[k] !== v)
            throw new Error(`${name}: sources.${k} differs from another file's`);
          sources[k] = v;
        }
      } else {
        if (key in merged) throw new Error(`${name}: ${key} is set by another file too`);
        merged[key] = value;
      }
    }
  }
  // The committed files are generated from typed builders; the loader's schema validates them.
  return { region: { ...merged, sources } as unknown as Region, files };
}
