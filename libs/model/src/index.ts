// Public surface of @caretwin/model (see README.md): the contract the CLI, worker and api code
// against.
export { runReplication } from './replication/replication';
export type { RunOptions } from './replication/replication';
export { aggregate, AggregateError } from './kpis/aggregate';
export { compareResults } from './kpis/compare';
export { staticNeed } from './need/static-need';
export { runCost, type RunCost } from './run-cost';
export { simulateDailyCensus } from './census/daily-reports';
export type { DailyCensusHistory } from './census/daily-reports';
export { ModelInputError } from './errors';
export { MODEL_VERSION } from './version';
export { mser5 } from './stats/mser';
export type { MserResult } from './stats/mser';
export type {
  DaySnapshot,
  ReplicationResult,
  AggregateResult,
  Comparison,
  StaticNeed,
} from '@caretwin/contracts';
export { censusComposition } from './census/composition';
export type { CensusComposition } from './census/composition';
