// Ctrl-C during `caretwin run`: a real child process gets a real SIGINT; the replications stop,
// the pool is destroyed, nothing is written (no output directory, no partial files), exit 130.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, start, tempDir } from './support';

describe('caretwin run interrupted', () => {
  const tmp = tempDir('sigint');
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => tmp.remove());

  it('stops on SIGINT with exit code 130, leaving no output directory and no partial files', async () => {
    const run = start(
      [
        'run',
        'miyagi-2025-baseline',
        '--days',
        '3000',
        '--replications',
        '4',
        '--workers',
        '2',
        '--out',
        'never',
      ],
      tmp.dir,
    );
    await run.printed(/queued/);
    // Let the threads get into their replications before the signal.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    run.child.kill('SIGINT');
    const finished = await run.done;
    expect(finished.code).toBe(130);
    expect(finished.stderr).toContain('SIGINT: stopping the replications');
    expect(finished.stderr).toContain('interrupted: nothing was written');
    expect(readdirSync(tmp.dir)).toEqual([]);
  }, 120_000);
});
