export { addDays, daysBetween } from './dates';
export { quantileSorted, summariseForecast, type ForecastCell } from './summary';
export { startStateFrom, type ForecastHospital, type GivenCensus, type StartState } from './start-state';
