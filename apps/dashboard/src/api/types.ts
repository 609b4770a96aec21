// Shapes of the REST api's answers as the dashboard reads them (apps/api/README.md; the server
// views live in apps/api/src/*/…-view.ts and libs/runner's result document). Only types: the
// dashboard bundle carries no server code.
import type {
  AggregateResult,
  Comparison,
  ReplicationResult,
  RunStateName,
  StaticNeed,
} from '@caretwin/contracts';
import type { LocalizedText, Region, Scenario } from '@caretwin/scenario';

export interface ApiIssue {
  file: string | null;
  /** reads like `policies[2].hospital` */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

/** The one error body of every endpoint. */
export interface ApiErrorBody {
  code: string;
  message: string;
  issues: ApiIssue[];
}

export interface ScenarioListing {
  id: string;
  source: 'shipped' | 'saved';
  version?: number;
  name?: LocalizedText;
  file: string;
}

export interface ScenarioView extends ScenarioListing {
  text?: string;
  scenario?: Scenario;
  error?: ApiErrorBody;
  versions?: Array<{ version: number; createdAt: string }>;
}

export interface ValidationView {
  valid: true;
  scenario: Scenario;
  region: { id: string; name: LocalizedText };
  staticNeed: StaticNeed;
}

/** How much of one input family is synthetic or estimated. */
export interface InputLabel {
  input: string;
  items: number;
  synthetic: number;
  estimated: number;
  sources: string[];
}

export interface RegionView extends Region {
  inputs: InputLabel[];
}

export interface ReplicationProgressView {
  replication: number;
  day: number;
  totalDays: number;
  percent: number;
}

export interface RunView {
  id: string;
  state: RunStateName;
  scenarioId: string;
  regionId: string;
  seed: number;
  replications: { planned: number; completed: number; max: number };
  progress: { percent: number; replications: ReplicationProgressView[] };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timings: { queuedMs: number | null; runningMs: number | null; totalMs: number | null };
  history: Array<{ state: RunStateName; at: string; reason: string | null }>;
  links: { self: string; result: string | null };
}

export interface RunList {
  items: RunView[];
  total: number;
  limit: number;
  offset: number;
}

export interface CreateRunRequest {
  scenarioId?: string;
  scenario?: Record<string, unknown>;
  overrides?: Record<string, unknown>;
  replications?: number;
  seed?: number;
  horizonDays?: number;
}

/** GET /api/runs/:id/result */
export interface ResultDocument {
  schemaVersion: 1;
  provenance: {
    software: { name: string; version: string };
    scenario: Scenario;
    region: Region;
    seed: number;
    replications: number;
    replicationIndices: number[];
    inputs: InputLabel[];
  };
  replications: ReplicationResult[];
  aggregate: AggregateResult;
  execution: Record<string, unknown>;
}

export interface ComparisonView {
  a: { runId: string; scenarioId: string };
  b: { runId: string; scenarioId: string };
  comparison: Comparison;
}
