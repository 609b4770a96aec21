// @caretwin/runner: runs replications of a run — locally on a pool of threads (CLI, worker)
// and, through the queue contract, as BullMQ jobs — and assembles the result document.
export { ReplicationFailedError, ReplicationPool, ReplicationStoppedError } from './pool';
export type {
  ReplicationPoolOptions,
  ReplicationProgress,
  ReplicationRun,
  ReplicationTask,
  RunTaskOptions,
} from './pool';
export { decodeSeries, encodeSeries, fromRunInput, runInputKey, toRunInput, totalDays } from './run-input';
export type { EncodedSeries, RunInput } from './run-input';
export { UnknownPrecisionKpiError, decideAfterRound, firstRound, maxReplications, planFor } from './rounds';
export type { RoundDecision, RunPlan } from './rounds';
export { buildRunResult, inputLabelLine, inputLabels, softwareVersion } from './result';
export type { InputLabel, RunProvenance, RunResultDocument } from './result';
export { canonicalJson, dataVersion, modelVersion, reproducibilityHash, sha256Hex } from './reproduce';
export type { Reproducibility, ReproducedInputs } from './reproduce';
export * from './jobs';
export { CSV_TABLES, resultCsv } from './result-csv';
export {
  REPORT_CSP,
  REPORT_DATA_ID,
  REPORT_FORMAT,
  scriptSafeJson,
  slimResult,
  standaloneHtml,
} from './report-html';
export type { ReportBundle, ReportPayload } from './report-html';
export type { CsvTable } from './result-csv';
export {
  FOLD_DAYS_LUA,
  LIVE_READ_LUA,
  NEXT_SEQ_LUA,
  bandColumnsOf,
  bandPoint,
  bandSeries,
  decodeLiveSeries,
  decodeReplicationState,
  encodeLiveSeries,
  encodeReplicationState,
  foldRows,
  liveChannel,
  liveKeys,
  meanCounters,
  seriesOf,
  workerStatsKey,
  workersIndexKey,
} from './live';
export type { BandDays, LiveKeys, SeriesId } from './live';
export { ScenarioResolverPool } from './resolver-pool';
export type { Resolution, ResolveRequest, ResolverStats, ScenarioResolverPoolOptions } from './resolver-pool';
export * from './forecast';
