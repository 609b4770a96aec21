import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ScenarioValidationError } from '../errors/scenario-validation-error';
import { tinyRegionFiles, writeFiles, type RegionFiles } from '../testing/tiny-region';
import { loadRegion } from './load-region';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function regionDir(files: RegionFiles): string {
  const root = mkdtempSync(join(tmpdir(), 'caretwin-region-'));
  dirs.push(root);
  const dir = join(root, 'tiny');
  writeFiles(dir, files);
  return dir;
}

/** The tiny region with one file's content changed. */
function altered(file: string, change: (content: Record<string, unknown>) => void): RegionFiles {
  const files = tinyRegionFiles();
  const content = structuredClone(files[file]) as Record<string, unknown>;
  change(content);
  files[file] = content;
  return files;
}

function issuesOf(files: RegionFiles): ScenarioValidationError {
  const dir = regionDir(files);
  try {
    loadRegion(dir, { displayRoot: join(dir, '..') });
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error;
    throw error;
  }
  throw new Error('expected the region to be refused');
}

type Item = Record<string, unknown>;
const items = (content: Record<string, unknown>, key: string) => content[key] as Item[];

describe('loadRegion', () => {
  it('merges the files of a region directory and fills every default', () => {
    const region = loadRegion(regionDir(tinyRegionFiles()));
    expect(region.id).toBe('tiny');
    expect(region.hospitals.map((h) => h.id)).toEqual(['h-north-1', 'h-north-2', 'h-south-1']);
    expect(region.hospitals[1].beds).toEqual({ highAcute: 0, acute: 50, recovery: 40, chronic: 80 });
    expect(region.sources).toEqual({
      census: '2020 census (test fixture)',
      beds: 'synthetic (test fixture)',
    });
    expect(region.transport.candidateCount).toBe(6);
    expect(region.eligibility).toEqual({
      failureRate: 0,
      hospitalOutagesPerDay: 0,
      hospitalOutageHours: 2,
      regionOutagesPerYear: 0,
      regionOutageHours: 4,
      proofShare: 0.95,
      staffMinutes: 10,
      delayMinutes: 15,
      outpatientVisitsPerAdmission: 140,
      deferShare: 0,
      returnShare: 0,
      returnDays: 30,
      returnStayFactor: 1.3,
      returnConditions: {},
    });
    expect(region.occupancyTargets).toEqual({ highAcute: 0.75, acute: 0.78, recovery: 0.9, chronic: 0.92 });
    expect(region.arrivalProfiles.hourOfDay).toHaveLength(24);
    expect(region.conditions[1].phases[0].next).toEqual([{ to: 'home', p: 1 }]);
    expect(region.conditions[1].capability).toBeNull();
  });

  it('refuses a field defined in two files, naming both', () => {
    const files = tinyRegionFiles();
    files['more-hospitals.yaml'] = { hospitals: [] };
    const error = issuesOf(files);
    expect(error.code).toBe('REGION_INVALID');
    expect(error.issues).toContainEqual({
      file: 'tiny/more-hospitals.yaml',
      path: 'hospitals',
      line: 1,
      column: 1,
      message: '"hospitals" is defined in both tiny/hospitals.yaml and tiny/more-hospitals.yaml',
    });
  });

  it('refuses a source key given two different lines', () => {
    const files = altered('hospitals.yaml', (c) => (c.sources = { census: 'another census' }));
    // Files are read in name order, so region.yaml meets hospitals.yaml's line first.
    expect(issuesOf(files).issues).toContainEqual(
      expect.objectContaining({
        file: 'tiny/region.yaml',
        path: 'sources.census',
        message: 'source "census" is also defined, differently, in tiny/hospitals.yaml',
      }),
    );
  });

  it('names the file, line and column of a bad value, with "did you mean" for unknown keys', () => {
    const files = tinyRegionFiles();
    files['hospitals.yaml'] = stringify(files['hospitals.yaml'])
      .replace('vehicles', 'x')
      .replace('capabilities:\n      - emergency2', 'capabilitis:\n      - emergency2');
    const error = issuesOf(files);
    const issue = error.issues.find((i) => i.path === 'hospitals[1].capabilitis');
    expect(issue).toMatchObject({
      file: 'tiny/hospitals.yaml',
      message: 'unknown key "capabilitis" (did you mean "capabilities"?)',
    });
    expect(issue?.line).toBeGreaterThan(10);
  });

  it('suggests the field meant by a misspelt top-level key and names the directory for the missing one', () => {
    const files = tinyRegionFiles();
    files['hospitals.yaml'] = stringify(files['hospitals.yaml']).replace('hospitals:', 'hospitls:');
    const issues = issuesOf(files).issues;
    expect(issues).toContainEqual({
      file: 'tiny/hospitals.yaml',
      path: 'hospitls',
      line: 3,
      column: 1,
      message: 'unknown key "hospitls" (did you mean "hospitals"?)',
    });
    expect(issues).toContainEqual({
      file: 'tiny',
      path: 'hospitals',
      line: null,
      column: null,
      message: 'required field is missing',
    });
  });

  it('refuses an unknown area, listing the known ones', () => {
    const files = altered('hospitals.yaml', (c) => (items(c, 'hospitals')[2].area = 'sooth'));
    expect(issuesOf(files).issues).toContainEqual(
      expect.objectContaining({
        path: 'hospitals[2].area',
        message: 'unknown area "sooth" (did you mean "south"?); known areas: north, south',
      }),
    );
  });

  it('refuses an eligibility section with the removed postpone fields or an unknown return condition', () => {
    const files = tinyRegionFiles();
    files['eligibility.yaml'] = {
      eligibility: { failureRate: 0.02, postponeDays: 7, returnConditions: { strok: 1 } },
    };
    const found = issuesOf(files).issues.map((i) => [i.path, i.message]);
    expect(found).toContainEqual([
      'eligibility.returnConditions.strok',
      expect.stringMatching(/^unknown condition "strok" \(did you mean "stroke"\?\)/),
    ]);
    expect(found).toContainEqual([
      'eligibility.postponeDays',
      expect.stringMatching(/^"postponeDays" was removed: a failed online eligibility check never postpones/),
    ]);
  });

  it('refuses a hospital in a municipality of another area', () => {
    const files = altered('hospitals.yaml', (c) => (items(c, 'hospitals')[2].municipality = '01001'));
    expect(issuesOf(files).issues.map((i) => [i.path, i.message])).toContainEqual([
      'hospitals[2].municipality',
      'municipality 01001 is in area "north", not "south"',
    ]);
  });

  it('asks for municipality codes to be quoted when written as numbers', () => {
    const files = altered('ambulance-bases.yaml', (c) => (items(c, 'ambulanceBases')[0].municipality = 1001));
    expect(issuesOf(files).issues.map((i) => [i.path, i.message])).toContainEqual([
      'ambulanceBases[0].municipality',
      'expected a string (text), got 1001 (quote it: "1001")',
    ]);
  });

  it('refuses asymmetric adjacency and duplicate ids', () => {
    const files = altered('region.yaml', (c) => {
      items(c, 'areas')[1].adjacent = [];
      items(c, 'areas').push({ id: 'north', name: { ja: '北', en: 'North' } });
    });
    const messages = issuesOf(files).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain(
      'areas[0].adjacent[0]: adjacency must be symmetric: area "south" does not list "north" as adjacent',
    );
    expect(messages).toContain('areas[2].id: duplicate area id "north" (first at areas[0])');
  });

  it('refuses pathway branches that do not sum to 1 or name no phase', () => {
    const files = altered('conditions.yaml', (c) => {
      const stroke = items(c, 'conditions')[0];
      const phases = stroke.phases as Item[];
      phases[0].next = [
        { to: 'recovery', p: 0.4 },
        { to: 'home', p: 0.5 },
      ];
      phases[1].next = [{ to: 'rehab', p: 1 }];
    });
    const messages = issuesOf(files).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain(
      'conditions[0].phases[0].next: branch probabilities must sum to 1, they sum to 0.9',
    );
    expect(messages).toContain(
      'conditions[0].phases[1].next[0].to: unknown branch target "rehab"; known targets: acute, recovery, home, death',
    );
    expect(messages).toContain(
      'conditions[0].phases[1].next: phase "recovery" never leads to home or death (patients would stay forever)',
    );
  });

  it('accepts probabilities that sum to 1 within 1e-6', () => {
    const files = altered('conditions.yaml', (c) => {
      const phases = items(c, 'conditions')[0].phases as Item[];
      phases[0].next = [
        { to: 'recovery', p: 0.1 + 0.2 },
        { to: 'home', p: 0.7 - 0.0000004 },
      ];
    });
    expect(loadRegion(regionDir(files)).conditions[0].phases[0].next[0].p).toBeCloseTo(0.3, 12);
  });

  it('refuses a phase that the entry never reaches and an arrival profile that does not average 1', () => {
    const files = altered('conditions.yaml', (c) => {
      const phases = items(c, 'conditions')[1].phases as Item[];
      phases.push({ id: 'orphan', function: 'chronic', stay: { meanDays: 100 } });
      c.arrivalProfiles = { dayOfWeek: [1, 1, 1, 1, 1, 1, 2] };
    });
    const messages = issuesOf(files).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain('conditions[1].phases[1]: phase "orphan" is never reached from the entry');
    expect(messages).toContain('arrivalProfiles.dayOfWeek: multipliers must average 1, they average 1.1429');
  });

  it('refuses a capability that no hospital has', () => {
    const files = altered('conditions.yaml', (c) => (items(c, 'conditions')[0].capability = 'maternity'));
    expect(issuesOf(files).issues.map((i) => i.message)).toContain(
      'no hospital has the capability "maternity" this condition requires',
    );
  });

  it('refuses a region whose id is not its directory name', () => {
    const files = altered('region.yaml', (c) => (c.id = 'other'));
    expect(issuesOf(files).issues.map((i) => i.message)).toContain(
      'region id "other" must equal its directory name "tiny"',
    );
  });

  it('reports every problem of every file at once, including unparseable files', () => {
    const files = altered('region.yaml', (c) => (c.censusYear = 'twenty'));
    files['transport.yaml'] = 'transport: {speedKmh: 40';
    const error = issuesOf(files);
    expect(error.issues.some((i) => i.file === 'tiny/transport.yaml' && i.line !== null)).toBe(true);
    expect(error.issues.some((i) => i.file === 'tiny/region.yaml' && i.path === 'censusYear')).toBe(true);
  });
});
