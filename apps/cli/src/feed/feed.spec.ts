import { describe, expect, it } from 'vitest';
import type { CensusRow } from '@caretwin/contracts';
import { censusRegion, parseCensusCsv, parseCensusFhir } from '@caretwin/census';
import { describeErrorBody } from './client';
import { requestBody } from './body';
import { historyScenario, syntheticHistory, todayInJapan } from './history';
import { parseSpeed } from './speed';
import { resolveScenarioArgument } from '../scenario/scenario-argument';

describe('parseSpeed', () => {
  it('reads max and <n>d/<time> as milliseconds per day, and refuses anything else', () => {
    expect(parseSpeed('max')).toEqual({ msPerDay: 0, label: 'max' });
    expect(parseSpeed('1d/2s')?.msPerDay).toBe(2000);
    expect(parseSpeed('7d/1m')?.msPerDay).toBeCloseTo(60_000 / 7);
    expect(parseSpeed('1d/250ms')?.msPerDay).toBe(250);
    for (const bad of ['fast', '0d/1s', '1d/0s', '1d', '2s', '1d/2x', '-1d/2s'])
      expect(parseSpeed(bad)).toBeNull();
  });
});

describe('describeErrorBody', () => {
  it("shows the api's message and each issue with its path", () => {
    const text = JSON.stringify({
      code: 'CENSUS_INVALID',
      message: 'census report refused',
      issues: [
        {
          file: '<request>',
          path: 'row 2, column numBedsOcc',
          line: 2,
          column: 6,
          message: 'more than numbeds',
        },
      ],
    });
    expect(describeErrorBody(text)).toBe(
      'CENSUS_INVALID: census report refused\n  - row 2, column numBedsOcc, line 2: more than numbeds',
    );
    expect(describeErrorBody('Bad Gateway')).toBe('Bad Gateway');
  });
});

const byKey = (a: CensusRow, b: CensusRow): number =>
  a.hospital.localeCompare(b.hospital) || a.function.localeCompare(b.function);

describe('syntheticHistory', () => {
  const { resolved } = resolveScenarioArgument('miyagi-2025-baseline', { warmupDays: 3 }, {});

  it('dates the warm-up so the first reported day is its own calendar day', () => {
    const s = historyScenario(resolved, { days: 10, lastDate: '2026-04-10', seed: 9 });
    expect(s.scenario).toMatchObject({ startDate: '2026-03-29', horizonDays: 10, warmupDays: 3, seed: 9 });
    expect(s.demandMultiplierByHour).toHaveLength(13 * 24);
  });

  it('reports every hospital × function with beds each day, as the api reads them back (CSV and FHIR, the latter tagged synthetic)', () => {
    const history = syntheticHistory(resolved, { days: 4, lastDate: '2026-04-10', seed: 9 });
    expect(history.dates).toEqual(['2026-04-07', '2026-04-08', '2026-04-09', '2026-04-10']);
    const region = censusRegion(resolved.region);
    const expected = region.hospitals.reduce(
      (n, h) => n + Object.values(h.beds).filter((b) => b > 0).length,
      0,
    );
    for (const date of history.dates) expect(history.byDate.get(date)).toHaveLength(expected);
    expect(history.rows).toHaveLength(4 * expected);
    const day = history.byDate.get('2026-04-10')!;
    const read = parseCensusCsv(requestBody(day, 'csv').body, { region, today: '2026-04-11' });
    expect(read.ok && read.rows).toEqual(day);
    const fhir = parseCensusFhir(JSON.parse(requestBody(day, 'fhir').body), { region, today: '2026-04-11' });
    expect(fhir.ok && fhir.synthetic).toBe(true);
    expect(fhir.ok && [...fhir.rows].sort(byKey)).toEqual([...day].sort(byKey));
    expect(day.every((r) => r.occupied <= r.beds && r.icuBeds === null && r.admissions !== null)).toBe(true);
  });

  it('knows today in Japan (UTC+9)', () => {
    expect(todayInJapan(Date.parse('2026-12-02T14:59:59Z'))).toBe('2026-12-02');
    expect(todayInJapan(Date.parse('2026-12-02T15:00:00Z'))).toBe('2026-12-03');
  });
});
