// The changes a run request asks for: `overrides` and the replications / seed / horizonDays
// shortcuts. A resolver thread applies them (libs/runner resolver/overrides.ts) the way
// `extends` applies a what-if to its baseline.
import type { CreateRunRequest } from './runs.dto';

type Doc = Record<string, unknown>;

/** The top-level changes a request asks for (empty when it only names a scenario). */
export function requestedChanges(request: CreateRunRequest): Doc {
  const changes: Doc = { ...(request.overrides ?? {}) };
  if (request.replications !== undefined) changes.replications = request.replications;
  if (request.seed !== undefined) changes.seed = request.seed;
  if (request.horizonDays !== undefined) changes.horizonDays = request.horizonDays;
  return changes;
}
