export {
  bookedDaysOf,
  forecastInput,
  runForecast,
  type ForecastOptions,
  type ForecastRequest,
} from './run-forecast';
export {
  FORECASTS_QUEUE,
  JOB_FORECAST,
  forecastJob,
  forecastJobId,
  isForecastJobResult,
  FORECAST_KEEP_COMPLETED_S,
  type ForecastJobData,
  type ForecastJobOptions,
  type ForecastJobResult,
} from './jobs';
