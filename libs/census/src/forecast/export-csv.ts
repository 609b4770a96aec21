// A forecast as CSV (GET /api/forecasts/latest.csv): one line per area × function × horizon, the
// figures named with the census CSV's FHIR SANER codes (numbeds, numBedsOcc) and the statistic.
import type { Forecast } from '@caretwin/contracts';

export const FORECAST_CSV_COLUMNS = [
  'forecast_id',
  'scenario',
  'census_date',
  'date',
  'horizon',
  'area',
  'bed_function',
  'numbeds',
  'numBedsOcc_mean',
  'numBedsOcc_p2_5',
  'numBedsOcc_p10',
  'numBedsOcc_p90',
  'numBedsOcc_p97_5',
  'replications',
] as const;

/** RFC 4180 quoting where a field needs it (ids are plain, but an area id is the region's to choose). */
function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a header line, CRLF line ends (RFC 4180), ordered as the forecast's series. */
export function forecastCsv(forecast: Forecast): string {
  const lines = [FORECAST_CSV_COLUMNS.join(',')];
  for (const s of forecast.series) {
    for (const p of s.points) {
      lines.push(
        [
          forecast.id,
          forecast.scenarioId,
          forecast.censusDate,
          p.date,
          p.horizon,
          s.area,
          s.function,
          p.beds,
          p.mean,
          p.p2_5,
          p.p10,
          p.p90,
          p.p97_5,
          forecast.replications,
        ]
          .map(field)
          .join(','),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}
