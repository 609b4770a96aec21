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
  type ForecastJobData,
  type ForecastJobOptions,
  type ForecastJobResult,
} from './jobs';
