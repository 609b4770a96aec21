// A forecast as a FHIR R4 Bundle of MeasureReports (GET /api/forecasts/latest.fhir), in the
// shape of the census reports coming in (SANER PublicHealthMeasureReport: a group per measure,
// the bed function as a stratifier) so a system that reads one reads the other:
// - one MeasureReport per area × forecast date (period: that date; subject: the area, a
//   二次医療圏 Location named by identifier);
// - group numBedsOcc (SANER MeasuredValues); per bed-function stratum the mean as measureScore,
//   numbeds as a population count;
// - the 80 % and 95 % prediction intervals as extensions on the stratum (FORECAST_INTERVAL_URL:
//   level, low, high), not as strata: a stratum is a subset of the subject's patients, an
//   interval is not (docs/forecasting.md "Service").
import { FORECAST_HORIZON_DAYS, type Forecast } from '@caretwin/contracts';

export const SANER_REPORT_PROFILE =
  'http://hl7.org/fhir/uv/saner/StructureDefinition/PublicHealthMeasureReport';
export const SANER_MEASURED_VALUES = 'http://hl7.org/fhir/uv/saner/CodeSystem/MeasuredValues';
/** CareTwin's own identifiers (URNs: no web page stands behind them). */
export const FORECAST_MEASURE_URL = 'urn:caretwin:fhir:Measure:bed-census-forecast';
export const FORECAST_INTERVAL_URL = 'urn:caretwin:fhir:StructureDefinition:prediction-interval';
export const FORECAST_ORIGIN_URL = 'urn:caretwin:fhir:StructureDefinition:forecast-origin';
export const BED_FUNCTION_SYSTEM = 'urn:caretwin:fhir:CodeSystem:bed-function';
export const AREA_IDENTIFIER_SYSTEM = 'urn:caretwin:fhir:NamingSystem:medical-area';

type Json = Record<string, unknown>;

function interval(level: number, low: number, high: number): Json {
  return {
    url: FORECAST_INTERVAL_URL,
    extension: [
      { url: 'level', valueDecimal: level },
      { url: 'low', valueDecimal: low },
      { url: 'high', valueDecimal: high },
    ],
  };
}

/** The Bundle (type collection), one entry per area × horizon, areas in the forecast's order. */
export function forecastBundle(forecast: Forecast): Json {
  const areas = [...new Set(forecast.series.map((s) => s.area))];
  const entry: Json[] = [];
  for (const [a, area] of areas.entries()) {
    const series = forecast.series.filter((s) => s.area === area);
    for (let h = 1; h <= FORECAST_HORIZON_DAYS; h++) {
      const strata = series.flatMap((s) => {
        const p = s.points.find((q) => q.horizon === h);
        if (!p) return [];
        return [
          {
            value: { coding: [{ system: BED_FUNCTION_SYSTEM, code: s.function }] },
            extension: [interval(0.8, p.p10, p.p90), interval(0.95, p.p2_5, p.p97_5)],
            population: [
              {
                code: { coding: [{ system: SANER_MEASURED_VALUES, code: 'numbeds' }] },
                count: p.beds,
              },
            ],
            measureScore: {
              value: p.mean,
              unit: 'beds',
              system: 'http://unitsofmeasure.org',
              code: '{beds}',
            },
          },
        ];
      });
      const date = series[0]?.points.find((q) => q.horizon === h)?.date;
      if (!date || strata.length === 0) continue;
      // FHIR ids are [A-Za-z0-9.-]{1,64}: the forecast's id (a UUID), the area's place, the horizon.
      const id = `${forecast.id.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 50)}-${a + 1}-${h}`;
      entry.push({
        resource: {
          resourceType: 'MeasureReport',
          id,
          meta: { profile: [SANER_REPORT_PROFILE] },
          extension: [
            {
              url: FORECAST_ORIGIN_URL,
              extension: [
                { url: 'censusDate', valueDate: forecast.censusDate },
                { url: 'horizon', valueInteger: h },
                { url: 'replications', valueInteger: forecast.replications },
                { url: 'scenario', valueString: forecast.scenarioId },
                { url: 'method', valueString: forecast.method },
              ],
            },
          ],
          status: 'complete',
          type: 'summary',
          measure: FORECAST_MEASURE_URL,
          subject: {
            identifier: { system: AREA_IDENTIFIER_SYSTEM, value: area },
            type: 'Location',
            display: area,
          },
          date: forecast.createdAt,
          period: { start: date, end: date },
          group: [
            {
              code: { coding: [{ system: SANER_MEASURED_VALUES, code: 'numBedsOcc' }] },
              stratifier: [
                {
                  code: [{ coding: [{ system: BED_FUNCTION_SYSTEM, code: 'bed-function' }] }],
                  stratum: strata,
                },
              ],
            },
          ],
        },
      });
    }
  }
  return {
    resourceType: 'Bundle',
    id: forecast.id,
    type: 'collection',
    timestamp: forecast.createdAt,
    entry,
  };
}
