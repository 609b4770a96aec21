export { addDays, daysBetween } from './dates';
export { cutoffForecastDate } from './cutoff';
export { quantileSorted, summariseForecast, type ForecastCell } from './summary';
export { startStateFrom, type ForecastHospital, type GivenCensus, type StartState } from './start-state';
export { FORECAST_CSV_COLUMNS, forecastCsv } from './export-csv';
export {
  AREA_IDENTIFIER_SYSTEM,
  BED_FUNCTION_SYSTEM,
  FORECAST_INTERVAL_URL,
  FORECAST_MEASURE_URL,
  FORECAST_ORIGIN_URL,
  SANER_MEASURED_VALUES,
  SANER_REPORT_PROFILE,
  forecastBundle,
} from './export-fhir';
