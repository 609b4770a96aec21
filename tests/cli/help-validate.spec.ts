// The built CLI explains itself: `--help` for the program and each command (defaults, units),
// and `caretwin validate` exit codes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretwin, ensureBuilt, ROOT, tempDir } from './support';

describe('caretwin --help', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('lists every command', async () => {
    const r = await caretwin(['--help'], ROOT);
    expect(r.code).toBe(0);
    for (const command of ['validate', 'run', 'compare', 'synth', 'demo'])
      expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('explains the run options with their defaults and units', async () => {
    const r = await caretwin(['run', '--help'], ROOT);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain("--replications <n> replications to run (default: the scenario's `replications`");
    expect(text).toContain("--seed <n> random seed, 0 or more (default: the scenario's `seed`");
    expect(text).toContain(
      "--days <n> simulated days reported, after warm-up (default: the scenario's `horizonDays`)",
    );
    expect(text).toMatch(/--workers <n> worker threads .* \(default: the CPU count/);
    expect(text).toContain(
      '--out <dir> output directory for result.json and the CSV tables (default: results/<scenario id>)',
    );
    expect(text).toContain('exit 130');
  });

  it('explains compare and synth options with defaults and units', async () => {
    const compare = (await caretwin(['compare', '--help'], ROOT)).stdout.replace(/\s+/g, ' ');
    expect(compare).toContain(
      'paired on common random numbers when seeds and replications match, else unpaired (Welch',
    );
    expect(compare).toContain('--replications <n>');
    const synth = (await caretwin(['synth', '--help'], ROOT)).stdout.replace(/\s+/g, ' ');
    expect(synth).toContain('--population <persons> people in the census year 2020');
    expect(synth).toContain('--seed <n> random seed of the layout and sizes (default: 1)');
    expect(synth).toContain('--ambulances-per-100k <n> ambulances per 100,000 people');
    expect(synth).toContain('km cells');
  });

  it('refuses a bad option value with a reason and a pointer to --help', async () => {
    const r = await caretwin(['run', 'miyagi-2025-baseline', '--workers', '0'], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--workers must be an integer from 1 to 256');
    expect(r.stderr).toContain('(run with --help for usage)');
  });
});

describe('caretwin validate', () => {
  const tmp = tempDir('validate');
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => tmp.remove());

  it('exits 0 with a summary for a shipped scenario', async () => {
    const r = await caretwin(['validate', 'miyagi-acute-to-recovery'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ miyagi-acute-to-recovery');
  });

  it('exits 1 with the file, path, line and reason of each problem', async () => {
    writeFileSync(
      join(tmp.dir, 'typo.yaml'),
      'id: typo\nextends: miyagi-2025-baseline\nhorizonDays: -5\npolices: []\n',
    );
    const r = await caretwin(['validate', 'typo.yaml'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/typo\.yaml:3:\d+.*horizonDays/);
    expect(r.stderr).toContain('policies');
  });

  it('exits 1 for an unknown scenario id, naming the known ones', async () => {
    const r = await caretwin(['validate', 'miyagi-2025-baselin'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('miyagi-2025-baseline');
  });
});
