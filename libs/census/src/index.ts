// The live census twin's pure parts (libs/census/README.md): reading daily bed reports (CSV with
// FHIR SANER codes, FHIR R4 MeasureReports), checking them against the region, building
// MeasureReports, the daily series, forecast summaries and rolling-origin backtests.
export * from './forecast';
export * from './backtest';
export * from './ingest';
export {
  censusRegion,
  expectedReporters,
  japanDate,
  japanTime,
  type CensusHospital,
  type CensusRegion,
  type RegionLike,
} from './region';
export {
  isDayComplete,
  missingChange,
  missingReports,
  seriesKey,
  seriesPoints,
  type MissingChange,
} from './series';
