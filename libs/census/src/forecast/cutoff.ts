// The daily cutoff of the automatic forecast. A forecast runs by itself once a day holds a report
// from every hospital × function with beds; one hospital that never reports (a broken feed, a
// closed ward nobody told the region about) would then stop the prefecture's forecasts for good.
// So at a set time of the Japanese day the latest census gets a forecast from what has arrived:
// hospitals without a report start from the model's expected census (docs/forecasting.md "Start
// state"), and the forecast's method sentence counts them.
import { japanDate, japanTime } from '../region';
import { addDays } from './dates';

/**
 * The census date whose forecast is due at the cutoff, or null: once the Japanese day is past
 * `cutoff` ("HH:MM"; null: no cutoff), the latest census date held (`asOf`) when it is today's or
 * yesterday's (an older census is not the region's state any more: it is forecast on demand)
 * and no forecast of it or of a later date is held (`latestForecastDate`).
 */
export function cutoffForecastDate(
  at: Date,
  cutoff: string | null,
  asOf: string | null,
  latestForecastDate: string | null,
): string | null {
  if (cutoff === null || asOf === null) return null;
  if (japanTime(at) < cutoff) return null;
  if (asOf < addDays(japanDate(at), -1)) return null;
  if (latestForecastDate !== null && latestForecastDate >= asOf) return null;
  return asOf;
}
