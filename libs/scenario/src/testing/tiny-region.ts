// A tiny two-area region and a temporary scenarios directory for tests (here and in other
// libs), so they do not depend on the Miyagi data.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export type RegionFiles = Record<string, Record<string, unknown> | string>;

const population = (scale: number) => ({
  '2020': {
    age0to14: 1200 * scale,
    age15to64: 6000 * scale,
    age65to74: 1500 * scale,
    age75plus: 1300 * scale,
  },
  '2025': {
    age0to14: 1100 * scale,
    age15to64: 5700 * scale,
    age65to74: 1450 * scale,
    age75plus: 1500 * scale,
  },
});

/** The files of region `tiny`: areas north/south, 3 municipalities, 3 hospitals, 2 bases, 2 conditions. */
export function tinyRegionFiles(): RegionFiles {
  return {
    'region.yaml': {
      sources: { census: '2020 census (test fixture)' },
      id: 'tiny',
      name: { ja: '小県', en: 'Tiny' },
      censusYear: 2020,
      areas: [
        { id: 'north', name: { ja: '北', en: 'North' }, adjacent: ['south'] },
        { id: 'south', name: { ja: '南', en: 'South' }, adjacent: ['north'] },
      ],
    },
    'municipalities.yaml': {
      municipalities: [
        {
          id: '01001',
          name: { ja: '北市', en: 'North City' },
          area: 'north',
          lat: 38.3,
          lng: 140.9,
          population: population(10),
        },
        {
          id: '01002',
          name: { ja: '北町', en: 'North Town' },
          area: 'north',
          lat: 38.5,
          lng: 141.0,
          population: population(2),
        },
        {
          id: '01003',
          name: { ja: '南市', en: 'South City' },
          area: 'south',
          lat: 38.0,
          lng: 140.7,
          population: population(4),
        },
      ],
    },
    'hospitals.yaml': {
      sources: { beds: 'synthetic (test fixture)' },
      hospitals: [
        {
          id: 'h-north-1',
          name: { ja: '北病院', en: 'North Hospital' },
          area: 'north',
          municipality: '01001',
          lat: 38.3,
          lng: 140.9,
          beds: { highAcute: 40, acute: 200, recovery: 60, chronic: 0 },
          capabilities: ['stroke', 'pci', 'emergency3'],
          provenance: { synthetic: true },
        },
        {
          id: 'h-north-2',
          name: { ja: '北町病院', en: 'North Town Hospital' },
          area: 'north',
          municipality: '01002',
          lat: 38.5,
          lng: 141.0,
          beds: { acute: 50, recovery: 40, chronic: 80 },
          capabilities: ['emergency2'],
        },
        {
          id: 'h-south-1',
          name: { ja: '南病院', en: 'South Hospital' },
          area: 'south',
          municipality: '01003',
          lat: 38.0,
          lng: 140.7,
          beds: { highAcute: 10, acute: 120, recovery: 50, chronic: 100 },
          capabilities: ['stroke', 'emergency2'],
        },
      ],
    },
    'ambulance-bases.yaml': {
      ambulanceBases: [
        { id: 'base-north', area: 'north', municipality: '01001', lat: 38.3, lng: 140.9, vehicles: 6 },
        { id: 'base-south', area: 'south', municipality: '01003', lat: 38.0, lng: 140.7, vehicles: 3 },
      ],
    },
    'conditions.yaml': {
      conditions: [
        {
          id: 'stroke',
          name: { ja: '脳卒中', en: 'Stroke' },
          admissionRatePer100k: { age0to14: 1, age15to64: 60, age65to74: 300, age75plus: 900 },
          ambulanceShare: 0.7,
          capability: 'stroke',
          timeCriticalMinutes: 270,
          seasonalAmplitude: 0.1,
          seasonalPeakDay: 15,
          entry: [{ to: 'acute', p: 1 }],
          phases: [
            {
              id: 'acute',
              function: 'acute',
              stay: { meanDays: 14, cv: 0.8 },
              next: [
                { to: 'recovery', p: 0.4 },
                { to: 'home', p: 0.55 },
                { to: 'death', p: 0.05 },
              ],
            },
            {
              id: 'recovery',
              function: 'recovery',
              stay: { meanDays: 60, cv: 0.6 },
              next: [{ to: 'home', p: 1 }],
            },
          ],
        },
        {
          id: 'other',
          name: { ja: 'その他', en: 'Other' },
          admissionRatePer100k: { age0to14: 3000, age15to64: 5000, age65to74: 12000, age75plus: 25000 },
          ambulanceShare: 0.2,
          scheduledShare: 0,
          entry: [{ to: 'acute', p: 1 }],
          phases: [{ id: 'acute', function: 'acute', stay: { distribution: 'gamma', meanDays: 10, cv: 1 } }],
        },
      ],
    },
  };
}

export function writeFiles(dir: string, files: RegionFiles): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : stringify(content));
  }
}

export interface ScenarioWorkspace {
  root: string;
  shippedDir: string;
  regionsDir: string;
  /** Writes scenarios/<id>.yaml. */
  ship(id: string, content: Record<string, unknown> | string): string;
  remove(): void;
}

/** A temporary `scenarios/` with region `tiny` (optionally altered) under `data/`. */
export function makeScenarioWorkspace(regionFiles: RegionFiles = tinyRegionFiles()): ScenarioWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'caretwin-scenario-'));
  const shippedDir = join(root, 'scenarios');
  const regionsDir = join(shippedDir, 'data');
  writeFiles(join(regionsDir, 'tiny'), regionFiles);
  return {
    root,
    shippedDir,
    regionsDir,
    ship(id, content) {
      const path = join(shippedDir, `${id}.yaml`);
      writeFileSync(path, typeof content === 'string' ? content : stringify(content));
      return path;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
