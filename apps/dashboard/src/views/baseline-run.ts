// A what-if's own baseline run (基準シナリオの実行): the run Compare puts as `a` by default. The
// baseline is the scenario the what-if extends; its run must share seed, replications and
// horizon so the comparison is paired on common random numbers (docs/architecture.md "Compare").
import type { RunView } from '../api/types';

/** What a run was made of, as its result document says (provenance.scenario, aggregate). */
export interface RunSettings {
  scenarioId: string;
  seed: number;
  replications: number;
  horizonDays: number;
}

/** `my-plan@3` → `my-plan`: runs are listed under the scenario id without its version. */
export const unpinned = (ref: string): string => ref.replace(/@\d+$/, '');

/**
 * The baseline a scenario extends, or `undefined` when it extends itself: a run that named a
 * scenario and changed its settings (seed, replications, horizon) is stored as a what-if of
 * that scenario under the same id, so its `extends` says nothing about the real baseline and
 * the named scenario's own `extends` must be looked up. `null`: no baseline at all.
 */
export function declaredBaseline(scenario: { id: string; extends?: string }): string | null | undefined {
  if (!scenario.extends) return null;
  const base = unpinned(scenario.extends);
  return base === scenario.id ? undefined : base;
}

/**
 * Follows `extends` past runs of a scenario with changed settings to the scenario it is a
 * what-if of; `lookup` answers the `extends` of a scenario reference (GET /api/scenarios/:ref).
 */
export async function baselineOf(
  scenario: { id: string; extends?: string },
  lookup: (ref: string) => Promise<string | undefined>,
): Promise<string | null> {
  const declared = declaredBaseline(scenario);
  if (declared !== undefined) return declared;
  const named = await lookup(scenario.extends as string);
  if (!named) return null;
  const base = unpinned(named);
  return base === scenario.id ? null : base;
}

/**
 * Completed runs of the baseline with the same seed and replications, newest first: the
 * candidates whose horizon is then checked (the run list does not carry it).
 */
export function baselineCandidates(
  runs: readonly RunView[],
  want: Omit<RunSettings, 'horizonDays'>,
): RunView[] {
  return runs
    .filter(
      (run) =>
        run.state === 'completed' &&
        run.scenarioId === want.scenarioId &&
        run.seed === want.seed &&
        run.replications.completed === want.replications,
    )
    .sort((x, y) => y.createdAt.localeCompare(x.createdAt));
}

/** The first candidate whose horizon matches (`horizonOf` reads it from the run's result). */
export async function firstWithHorizon(
  candidates: readonly RunView[],
  horizonDays: number,
  horizonOf: (runId: string) => Promise<number>,
): Promise<RunView | null> {
  for (const run of candidates) if ((await horizonOf(run.id)) === horizonDays) return run;
  return null;
}

/** POST /api/runs body that runs the baseline with the what-if's settings (a paired comparison). */
export function baselineRunRequest(settings: RunSettings): {
  scenarioId: string;
  seed: number;
  replications: number;
  horizonDays: number;
} {
  return {
    scenarioId: settings.scenarioId,
    seed: settings.seed,
    replications: settings.replications,
    horizonDays: settings.horizonDays,
  };
}
