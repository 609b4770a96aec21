import { describe, expect, it } from 'vitest';
import type { RunView } from '../api/types';
import {
  baselineCandidates,
  baselineOf,
  baselineRunRequest,
  declaredBaseline,
  firstWithHorizon,
} from './baseline-run';

const run = (id: string, over: Partial<RunView> & { reps?: number }): RunView =>
  ({
    id,
    state: 'completed',
    scenarioId: 'miyagi-2025-baseline',
    regionId: 'miyagi',
    seed: 42,
    replications: { planned: over.reps ?? 6, completed: over.reps ?? 6, max: over.reps ?? 6 },
    createdAt: '2026-12-02T10:00:00.000Z',
    ...over,
  }) as RunView;

describe("a what-if's baseline", () => {
  it('is the scenario it extends, without a pinned version', () => {
    expect(declaredBaseline({ id: 'plan', extends: 'miyagi-2025-baseline' })).toBe('miyagi-2025-baseline');
    expect(declaredBaseline({ id: 'plan', extends: 'base@3' })).toBe('base');
    expect(declaredBaseline({ id: 'miyagi-2025-baseline' })).toBeNull();
  });

  it('is looked up when a run changed only the settings of the scenario it names', async () => {
    const lookup = async (ref: string): Promise<string | undefined> =>
      ({ 'plan@2': 'miyagi-2025-baseline', 'miyagi-2025-baseline': undefined })[ref];
    await expect(baselineOf({ id: 'plan', extends: 'plan@2' }, lookup)).resolves.toBe('miyagi-2025-baseline');
    // a baseline run with its own seed extends itself and has no baseline
    await expect(
      baselineOf({ id: 'miyagi-2025-baseline', extends: 'miyagi-2025-baseline' }, lookup),
    ).resolves.toBeNull();
    await expect(baselineOf({ id: 'plan', extends: 'other' }, lookup)).resolves.toBe('other');
  });
});

describe("finding the baseline's run", () => {
  const want = { scenarioId: 'miyagi-2025-baseline', seed: 42, replications: 6 };

  it('keeps completed runs of the baseline with the same seed and replications, newest first', () => {
    const runs = [
      run('old', { createdAt: '2026-12-01T00:00:00.000Z' }),
      run('new', { createdAt: '2026-12-02T00:00:00.000Z' }),
      run('other-seed', { seed: 7 }),
      run('fewer', { reps: 2 }),
      run('what-if', { scenarioId: 'plan' }),
      run('failed', { state: 'failed' }),
    ];
    expect(baselineCandidates(runs, want).map((r) => r.id)).toEqual(['new', 'old']);
  });

  it('takes the first candidate with the same horizon, or none', async () => {
    const horizons: Record<string, number> = { new: 30, old: 60 };
    const candidates = [run('new', {}), run('old', {})];
    const horizonOf = async (id: string): Promise<number> => horizons[id];
    expect((await firstWithHorizon(candidates, 60, horizonOf))?.id).toBe('old');
    expect(await firstWithHorizon(candidates, 90, horizonOf)).toBeNull();
  });

  it('asks for the baseline with the what-if settings when none matches', () => {
    expect(baselineRunRequest({ ...want, horizonDays: 30 })).toEqual({
      scenarioId: 'miyagi-2025-baseline',
      seed: 42,
      replications: 6,
      horizonDays: 30,
    });
  });
});
