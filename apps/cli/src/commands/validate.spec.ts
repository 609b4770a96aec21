import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeScenarioWorkspace,
  type ScenarioWorkspace,
} from '../../../../libs/scenario/src/testing/tiny-region';
import { displayWidth, repoRoot, runValidate } from './validate';

let ws: ScenarioWorkspace;
let dirs: { shippedDir: string; regionsDir: string; cwd: string };

beforeAll(() => {
  ws = makeScenarioWorkspace();
  dirs = { shippedDir: ws.shippedDir, regionsDir: ws.regionsDir, cwd: ws.root };
  ws.ship('base', {
    name: { ja: '基準', en: 'Base' },
    region: 'tiny',
    demand: { multiplier: '1 + 0.25*sin(2*pi*t/365)' },
  });
  ws.ship('convert', {
    extends: 'base',
    name: { ja: '転換', en: 'Conversion' },
    policies: [
      { kind: 'convertBeds', hospital: 'h-north-1', from: 'acute', to: 'recovery', count: 50 },
      { kind: 'closeHospital', hospital: 'h-south-1', fromDay: 10 },
    ],
  });
});
afterAll(() => ws.remove());

describe('caretwin validate', () => {
  it('summarises a valid scenario: region, year, horizon, replications, seed, policies, beds after policies, multiplier range', () => {
    const { exitCode, output } = runValidate('convert', dirs);
    expect(exitCode).toBe(0);
    const lines = output.split('\n');
    expect(lines[0]).toBe('✔ convert — 転換 / Conversion');
    expect(output).toContain('extends        base');
    expect(output).toContain(
      'region         tiny 小県 / Tiny: 2 areas, 3 municipalities, 3 hospitals, 2 ambulance bases (9 vehicles), 2 conditions',
    );
    expect(output).toContain('year           2025 population, day 0 = 2025-04-01');
    expect(output).toContain('simulated      120 warm-up + 365 reported = 485 days');
    expect(output).toContain('replications   10, seed 1');
    expect(output).toMatch(
      /demand {9}multiplier "1 \+ 0\.25\*sin\(2\*pi\*t\/365\)": 0\.75–1\.25 over 11640 hours \(bound 2\)/,
    );
    expect(output).toContain('policies       2 (2 of 3 hospitals open at the end)');
    expect(output).toContain('    1. convertBeds hospital h-north-1: 50 acute → recovery');
    expect(output).toContain('    2. closeHospital h-south-1 from day 10');
    const table = lines.slice(lines.findIndex((l) => l.includes('beds by area')) + 1);
    expect(table[0].trim().split(/\s+/)).toEqual([
      'area',
      'high-acute',
      'acute',
      'recovery',
      'chronic',
      'total',
    ]);
    expect(table[1]).toMatch(/^ {4}北 north\s+40\s+200 \(−50\)\s+150 \(\+50\)\s+80\s+470$/);
    expect(table[2]).toMatch(/^ {4}南 south\s+0 \(−10\)\s+0 \(−120\)\s+0 \(−50\)\s+0 \(−100\)\s+0 \(−280\)$/);
    expect(table[3]).toMatch(/^ {4}total\s+40 \(−10\)\s+200 \(−170\)/);
  });

  it('aligns the table by terminal width, Japanese names counting double', () => {
    expect(displayWidth('北 north')).toBe(8);
    const { output } = runValidate('convert', dirs);
    const table = output.split('\n').filter((l) => /^ {4}(area|北|南|total)/.test(l));
    expect(new Set(table.map(displayWidth)).size).toBe(1);
  });

  it('prints every error with file, line and column, and exits 1', () => {
    const file = join(ws.root, 'typo.yaml');
    writeFileSync(
      file,
      'extends: base\nhorizonDays: 0\npolicies:\n  - kind: closeHospital\n    hosptal: h-north-1\n',
    );
    const { exitCode, output } = runValidate('typo.yaml', dirs);
    expect(exitCode).toBe(1);
    expect(output.split('\n')).toEqual([
      '✖ scenario "typo" is invalid (3 problems)',
      '  typo.yaml:2:1 horizonDays: must be at least 1, got 0 (days)',
      '  typo.yaml:4:5 policies[0].hospital: required field is missing',
      '  typo.yaml:5:5 policies[0].hosptal: unknown key "hosptal" (did you mean "hospital"?)',
    ]);
  });

  it('prints the error body as JSON with --json', () => {
    const { exitCode, output } = runValidate('missing-file.yaml', { ...dirs, json: true });
    expect(exitCode).toBe(1);
    expect(JSON.parse(output)).toEqual({
      ok: false,
      error: {
        code: 'SCENARIO_NOT_FOUND',
        message: 'missing-file.yaml: no such file',
        issues: [{ file: 'missing-file.yaml', path: '', line: null, column: null, message: 'no such file' }],
      },
    });
    const ok = JSON.parse(runValidate('base', { ...dirs, json: true }).output) as {
      ok: boolean;
      scenario: { id: string };
      demandMultiplier: { max: number };
    };
    expect(ok.ok).toBe(true);
    expect(ok.scenario.id).toBe('base');
    expect(ok.demandMultiplier.max).toBeCloseTo(1.25, 6);
  });

  it('checks a shipped scenario named by its path as shipped', () => {
    ws.ship('misnamed', { id: 'other', region: 'tiny' });
    const { exitCode, output } = runValidate(join(ws.shippedDir, 'misnamed.yaml'), dirs);
    expect(exitCode).toBe(1);
    expect(output).toContain(
      'scenarios/misnamed.yaml:1:1 id: id "other" must equal the file name "misnamed"',
    );
  });

  it('refuses an oversized file without reading it', () => {
    writeFileSync(join(ws.root, 'huge.yaml'), `note: "${'x'.repeat(2_000_000)}"\n`);
    const { exitCode, output } = runValidate('huge.yaml', dirs);
    expect(exitCode).toBe(1);
    expect(output).toContain('huge.yaml is too large (2000009 bytes, more than the limit of 1048576 bytes)');
  });

  it('finds the shipped scenarios relative to the package, not the working directory', () => {
    const root = repoRoot();
    expect(root).toBe(join(__dirname, '..', '..', '..', '..'));
    const { exitCode, output } = runValidate('miyagi-2025-baseline', { cwd: '/' });
    expect(output.split('\n')[0]).toMatch(/^✔ miyagi-2025-baseline — /);
    expect(exitCode).toBe(0);
  });
});
