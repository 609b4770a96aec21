// Shapes of the REST api's answers as the dashboard reads them (apps/api/README.md). Only types:
// the dashboard bundle carries no server code. The run view and the error body are the ones of
// libs/contracts, under the names the dashboard's views use.
import type {
  AggregateResult,
  Comparison,
  ErrorBody,
  ReplicationResult,
  StaticNeed,
} from '@caretwin/contracts';
import type { LocalizedText, Region, Scenario } from '@caretwin/scenario';

export type {
  ReplicationProgressView,
  RunList,
  RunView,
  ValidationIssue as ApiIssue,
  ErrorBody as ApiErrorBody,
} from '@caretwin/contracts';

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
  error?: ErrorBody;
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
