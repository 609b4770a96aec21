// What crosses between ScenarioResolverPool and its threads (structured clone): a request, the
// saved scenarios the main thread has looked up so far, and an outcome. A thread cannot read
// the api's store, so when resolution reaches a saved scenario it was not given it answers
// `need`, and the pool asks again with it (an `extends` chain is at most 16 long).
import type { StaticNeed, ValidationIssue } from '@caretwin/contracts';
import type {
  Region,
  SavedScenario,
  SavedScenarioInfo,
  Scenario,
  ScenarioErrorCode,
} from '@caretwin/scenario';

export interface ResolveRequest {
  /** An id (`miyagi-surge`, `my-plan@3`) naming a shipped or saved scenario. */
  ref?: string;
  /** Scenario text (YAML or JSON) or an object; used when `ref` is absent. */
  scenario?: string | Record<string, unknown>;
  /** A what-if on top: on `ref` as its baseline (keeping its id and name), or merged into `scenario`. */
  changes?: Record<string, unknown>;
  /** Name shown in issues. */
  file?: string;
  /** Also compute the static MHLW bed need (POST /api/scenarios/validate). */
  staticNeed?: boolean;
  /** Also answer the `id` the document itself writes (saving needs one). */
  writtenId?: boolean;
}

export interface ResolveTask {
  request: ResolveRequest;
  shippedDir: string;
  regionsDir: string;
  /** Most expression node evaluations (nodes × simulated hours). */
  expressionBudget: number;
  /** Saved scenarios looked up so far: savedKey → the scenario, or null when there is none. */
  saved: Array<[string, SavedScenario | null]>;
  /** Every saved scenario's id and latest version, once the thread asked for it. */
  savedList: SavedScenarioInfo[] | null;
  /** Regions the main thread holds already (not sent back). */
  knownRegions: string[];
}

/** What the answer depended on besides the request (the cache checks it is still so). */
export interface SavedUsage {
  keys: string[];
  list: boolean;
}

export type ResolveOutcome =
  | { kind: 'need'; keys: string[]; list: boolean }
  | {
      kind: 'resolved';
      scenario: Scenario;
      regionId: string;
      region?: Region;
      byHour: Float64Array;
      staticNeed?: StaticNeed;
      writtenId?: string;
      usage: SavedUsage;
    }
  | {
      kind: 'refused';
      code: ScenarioErrorCode;
      message: string;
      issues: ValidationIssue[];
      usage: SavedUsage;
    };

/** `my-plan@3`, or `my-plan@` for the latest version. */
export function savedKey(id: string, version?: number): string {
  return `${id}@${version ?? ''}`;
}

export function parseSavedKey(key: string): { id: string; version?: number } {
  const at = key.lastIndexOf('@');
  const version = key.slice(at + 1);
  return { id: key.slice(0, at), version: version === '' ? undefined : Number(version) };
}
