// A forecast exported: the CSV (header, one line per area × function × horizon, quoting) and the
// FHIR Bundle of MeasureReports (one per area × date, bed function as stratifier, intervals as
// extensions).
import { describe, expect, it } from 'vitest';
import type { Forecast } from '@caretwin/contracts';
import { forecastCsv, FORECAST_CSV_COLUMNS } from './export-csv';
import { FORECAST_INTERVAL_URL, forecastBundle, SANER_MEASURED_VALUES } from './export-fhir';

interface Ext {
  url: string;
  valueDecimal?: number;
  extension?: Ext[];
}
interface Stratum {
  value: { coding: Array<{ code: string }> };
  extension: Ext[];
  population: Array<{ count: number }>;
  measureScore: { value: number };
}
interface Report {
  id: string;
  group: Array<{ code: { coding: unknown[] }; stratifier: Array<{ stratum: Stratum[] }> }>;
}

const forecast: Forecast = {
  id: '0b9c1f64-5a7e-4f39-9f2f-5d1f0e6d8a11',
  regionId: 'miyagi',
  scenarioId: 'miyagi-2025-baseline',
  censusDate: '2026-11-30',
  createdAt: '2026-12-01T00:30:00.000Z',
  replications: 100,
  seed: 1,
  method: 'test',
  series: (['sendai', 'sennan, "south"'] as const).flatMap((area) =>
    (['acute', 'chronic'] as const).map((f) => ({
      area,
      function: f,
      points: Array.from({ length: 14 }, (_, i) => ({
        horizon: i + 1,
        date: `2026-12-${String(i + 1).padStart(2, '0')}`,
        mean: 100 + i,
        p10: 90 + i,
        p90: 110 + i,
        p2_5: 85 + i,
        p97_5: 115 + i,
        beds: 120,
      })),
    })),
  ),
};

describe('forecast exports', () => {
  it('writes a CSV line per area × function × horizon under the SANER-named header', () => {
    const lines = forecastCsv(forecast).trimEnd().split('\r\n');
    expect(lines[0]).toBe(FORECAST_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 2 * 2 * 14);
    expect(lines[1]).toBe(
      '0b9c1f64-5a7e-4f39-9f2f-5d1f0e6d8a11,miyagi-2025-baseline,2026-11-30,2026-12-01,1,sendai,acute,120,100,85,90,110,115,100',
    );
    // an area id with a comma and quotes is quoted (RFC 4180)
    expect(lines[29]).toContain(',"sennan, ""south""",acute,');
  });

  it('builds a Bundle with one MeasureReport per area × date, the mean as measureScore and both intervals as extensions', () => {
    const bundle = forecastBundle(forecast) as {
      resourceType: string;
      type: string;
      entry: Array<{ resource: Report }>;
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect(bundle.entry).toHaveLength(2 * 14);
    const first = bundle.entry[0].resource;
    expect(first).toMatchObject({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      period: { start: '2026-12-01', end: '2026-12-01' },
      subject: { identifier: { value: 'sendai' } },
    });
    expect(first.id).toMatch(/^[A-Za-z0-9.-]{1,64}$/);
    expect(first.group[0].code.coding[0]).toEqual({ system: SANER_MEASURED_VALUES, code: 'numBedsOcc' });
    const strata = first.group[0].stratifier[0].stratum;
    expect(strata.map((s) => s.value.coding[0].code)).toEqual(['acute', 'chronic']);
    expect(strata[0].measureScore.value).toBe(100);
    expect(strata[0].population[0].count).toBe(120);
    const intervals = strata[0].extension.filter((e) => e.url === FORECAST_INTERVAL_URL);
    const asObject = (e: Ext) => Object.fromEntries((e.extension ?? []).map((x) => [x.url, x.valueDecimal]));
    expect(intervals.map(asObject)).toEqual([
      { level: 0.8, low: 90, high: 110 },
      { level: 0.95, low: 85, high: 115 },
    ]);
    const ids = bundle.entry.map((e) => e.resource.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
