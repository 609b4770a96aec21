// runForecast in this thread on a small constructed region: deterministic for a seed, intervals
// ordered, the starting counts visible on day 1, hospitals without a report started from the
// expected census, and the scenario it runs (day 0 = census date + 1, no warm-up, 14 days).
import { describe, expect, it } from 'vitest';
import type { CensusRow, Forecast } from '@caretwin/contracts';
import { buildRegion, condition, resolvedScenario } from '../../../model/src/testing/region-builder';
import { toRunInput } from '../run-input';
import { forecastInput, runForecast, type ForecastRequest } from './run-forecast';

// 2,000 admissions a year of 10 days in each area: about 55 acute beds occupied at equilibrium.
const region = buildRegion({
  areas: [
    { id: 'north', adjacent: ['south'] },
    { id: 'south', adjacent: ['north'] },
  ],
  municipalities: [
    { id: 'mn', area: 'north', lat: 38.5, lng: 140.9, population: 10_000 },
    { id: 'ms', area: 'south', lat: 38.0, lng: 140.8, population: 10_000 },
  ],
  hospitals: [
    { id: 'hn', area: 'north', municipality: 'mn', lat: 38.5, lng: 140.9, beds: { acute: 200 } },
    { id: 'hs', area: 'south', municipality: 'ms', lat: 38.0, lng: 140.8, beds: { acute: 200 } },
  ],
  conditions: [
    condition({ id: 'x', ratePer100k: 20_000, phases: [{ id: 'stay', function: 'acute', meanDays: 10 }] }),
  ],
});
const input = toRunInput(resolvedScenario(region, { horizonDays: 365, warmupDays: 30 }));

const row = (hospital: string, area: string, occupied: number): CensusRow => ({
  date: '2026-11-30',
  hospital,
  institutionCode: '0400000000',
  area,
  function: 'acute',
  beds: 200,
  occupied,
  icuBeds: null,
  icuOccupied: null,
  vents: null,
  ventsInUse: null,
  admissions: null,
  discharges: null,
});

// North reports 150 (far above its equilibrium); south did not report.
const request: ForecastRequest = {
  input,
  censusDate: '2026-11-30',
  start: [row('hn', 'north', 150)],
  replications: 40,
  seed: 7,
  id: 'f-test',
  createdAt: '2026-12-01T00:00:00.000Z',
};
const acute = (forecast: Forecast, area: string) =>
  forecast.series.find((s) => s.area === area && s.function === 'acute')?.points ?? [];

describe('a forecast run in this thread', () => {
  it('runs the base model from the day after the census for 14 days, without warm-up, from the given census', () => {
    const { input: run, start } = forecastInput(request);
    expect(run.scenario).toMatchObject({
      startDate: '2026-12-01',
      warmupDays: 0,
      horizonDays: 14,
      seed: 7,
      replications: 40,
      initialCensus: { mode: 'given', hospitals: { hn: { acute: 150 } }, missing: 'expected' },
    });
    expect(run.demandMultiplierByHour.counts.reduce((a, b) => a + b, 0)).toBe(14 * 24);
    expect(start.filled).toBe(1);
  });

  it('is deterministic for a seed and differs for another', async () => {
    const a = await runForecast(request);
    const b = await runForecast(request);
    expect(b).toEqual(a);
    const c = await runForecast({ ...request, seed: 8 });
    expect(c.series).not.toEqual(a.series);
    expect(a).toMatchObject({
      id: 'f-test',
      regionId: 'test',
      censusDate: '2026-11-30',
      replications: 40,
      seed: 7,
    });
  });

  it('gives 14 horizons per area × function with p2.5 ≤ p10 ≤ mean ≤ p90 ≤ p97.5', async () => {
    const forecast = await runForecast(request);
    expect(forecast.series).toHaveLength(2 * 4);
    for (const s of forecast.series) {
      expect(s.points.map((p) => p.horizon)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
      for (const p of s.points) {
        expect(p.p2_5).toBeLessThanOrEqual(p.p10);
        expect(p.p10).toBeLessThanOrEqual(p.mean);
        expect(p.mean).toBeLessThanOrEqual(p.p90);
        expect(p.p90).toBeLessThanOrEqual(p.p97_5);
      }
    }
    expect(acute(forecast, 'north')[13].date).toBe('2026-12-14');
    expect(acute(forecast, 'north')[0].beds).toBe(200);
  });

  it('starts from the reported count: day 1 near 150, then decaying towards the equilibrium of about 55 as residual stays say', async () => {
    const forecast = await runForecast(request);
    const north = acute(forecast, 'north');
    // a day of 10-day residual stays leaves roughly 150 × (1 − 1/10 … 1/20) plus ~5 arrivals
    expect(north[0].mean).toBeGreaterThan(125);
    expect(north[0].mean).toBeLessThan(155);
    // Exponential stays (gamma, CV 1): the residual of a stay in progress is again exponential,
    // so the excess over equilibrium decays as e^(−t/10): 55 + 95 e^(−1.4) ≈ 78.4 on day 14.
    expect(Math.abs(north[13].mean - (54.8 + (150 - 54.8) * Math.exp(-1.4)))).toBeLessThan(6);
  });

  it('starts a hospital without a report from the expected census', async () => {
    const forecast = await runForecast(request);
    const south = acute(forecast, 'south');
    expect(south[0].mean).toBeGreaterThan(40);
    expect(south[0].mean).toBeLessThan(70);
  });

  it('refuses a replication count that is not a positive integer', async () => {
    await expect(runForecast({ ...request, replications: 0 })).rejects.toThrow(RangeError);
  });
});
