export {
  BED_FUNCTION_JA,
  BED_FUNCTION_STRATIFIER,
  CENSUS_CSV_COLUMNS,
  CENSUS_MEASURE_SYSTEM,
  CENSUS_MEASURE_URL,
  INSTITUTION_CODE_SYSTEMS,
  MEASURES,
  TEST_DATA_TAG,
  bedFunctionOf,
  type CensusCsvColumn,
  type MeasureCode,
} from './codes';
export { parseCensusCsv, readCsvRecords } from './csv';
export { parseCensusFhir } from './fhir';
export { censusBundle, censusCsv, censusMeasureReports, type MeasureReportOptions } from './build';
export { isIsoDate, type IngestContext, type IngestResult } from './rows';
