import { describe, expect, it } from 'vitest';
import type {
  BedFunction,
  CensusLatest,
  CensusSeriesPoint,
  CensusUpdatedEvent,
  Forecast,
  StoredCensusRow,
} from '@caretwin/contracts';
import { alertsOf, censusPanels, generalOccupancyToday, THRESHOLDS } from './alerts';
import {
  addDays,
  applyCensusUpdated,
  censusNeedsSnapshot,
  missedBefore,
  applyForecastCompleted,
  HISTORY_DAYS,
  latestSynthetic,
  stateFrom,
} from './state';

const row = (
  date: string,
  hospital: string,
  fn: BedFunction,
  occupied: number,
  beds = 100,
): StoredCensusRow => ({
  date,
  hospital,
  institutionCode: '0410000001',
  area: 'sendai',
  function: fn,
  beds,
  occupied,
  icuBeds: null,
  icuOccupied: null,
  vents: null,
  ventsInUse: null,
  admissions: null,
  discharges: null,
  receivedAt: `${date}T09:00:00Z`,
  reporter: 'open',
  synthetic: true,
});
const point = (
  date: string,
  occupied: number,
  fn: BedFunction = 'acute',
  reported = 2,
  expected = 2,
): CensusSeriesPoint => ({ date, area: 'sendai', function: fn, beds: 200, occupied, reported, expected });
const latest = (asOf: string | null, reports: StoredCensusRow[] = []): CensusLatest => ({
  regionId: 'miyagi',
  asOf,
  reports,
  missing: [],
});
const event = (seq: number, patch: Partial<CensusUpdatedEvent> = {}): CensusUpdatedEvent => ({
  seq,
  rows: [],
  points: [],
  asOf: '2026-12-02',
  missing: [],
  missingComplete: true,
  missingResolved: [],
  at: 0,
  ...patch,
});

describe('Now state: merging the channel', () => {
  it('replaces rows and points by key and drops an event it already holds (seq not newer)', () => {
    const state = stateFrom(
      latest('2026-12-01', [row('2026-12-01', 'h1', 'acute', 80)]),
      {
        regionId: 'miyagi',
        from: '2026-10-03',
        to: '2026-12-01',
        area: null,
        points: [point('2026-12-01', 160)],
      },
      null,
      5,
    );
    expect(applyCensusUpdated(state, event(5, { points: [point('2026-12-01', 1)] }))).toBe(false);
    expect(state.points.get('2026-12-01|sendai|acute')?.occupied).toBe(160);

    const applied = applyCensusUpdated(
      state,
      event(6, {
        rows: [row('2026-12-02', 'h1', 'acute', 90)],
        points: [point('2026-12-02', 170), point('2026-12-01', 165)],
        missing: [
          {
            hospital: 'h2',
            institutionCode: '0410000002',
            area: 'sendai',
            function: 'acute',
            lastDate: '2026-12-01',
          },
        ],
      }),
    );
    expect(applied).toBe(true);
    expect(state.seq).toBe(6);
    expect(state.asOf).toBe('2026-12-02');
    expect(state.reports.get('h1|acute')?.occupied).toBe(90);
    expect(state.points.get('2026-12-01|sendai|acute')?.occupied).toBe(165);
    expect(state.points.size).toBe(2);
    expect(state.missing.map((m) => m.hospital)).toEqual(['h2']);
    expect(state.applied).toBe(1);
  });

  it('keeps the date and the missing list while a larger request’s events say more are coming', () => {
    const state = stateFrom(latest('2026-12-01', []), null, null, 5);
    state.missing = [
      { hospital: 'h2', institutionCode: '0410000002', area: 'sendai', function: 'acute', lastDate: null },
    ];
    applyCensusUpdated(
      state,
      event(6, { rows: [row('2026-12-02', 'h1', 'acute', 90)], missing: [], more: true }),
    );
    expect(state.asOf).toBe('2026-12-01');
    expect(state.missing).toHaveLength(1);
    expect(state.reports.get('h1|acute')?.occupied).toBe(90);
    applyCensusUpdated(state, event(7, { rows: [row('2026-12-02', 'h2', 'acute', 9)], missing: [] }));
    expect(state.asOf).toBe('2026-12-02');
    expect(state.missing).toHaveLength(0);
  });

  it('applies a change to the missing list of the day it holds: resolved pairs leave, touched ones are replaced, the rest stay', () => {
    const state = stateFrom(latest('2026-12-02', []), null, null, 5);
    const missing = (hospital: string, lastDate: string | null) => ({
      hospital,
      institutionCode: '0410000002',
      area: 'sendai',
      function: 'acute' as const,
      lastDate,
    });
    state.missing = [missing('h1', '2026-12-01'), missing('h2', null), missing('h3', '2026-11-30')];
    applyCensusUpdated(
      state,
      event(6, {
        rows: [row('2026-12-02', 'h1', 'acute', 90), row('2026-11-29', 'h2', 'acute', 9)],
        missing: [missing('h2', '2026-11-29')],
        missingComplete: false,
        missingResolved: [{ hospital: 'h1', function: 'acute' }],
      }),
    );
    expect(state.missing.map((m) => [m.hospital, m.lastDate])).toEqual([
      ['h3', '2026-11-30'],
      ['h2', '2026-11-29'],
    ]);
  });

  it('asks for a snapshot before a change to another day’s missing list, never merging it into the wrong day', () => {
    const state = stateFrom(latest('2026-12-01', []), null, null, null);
    const change = event(3, { asOf: '2026-12-02', missingComplete: false });
    expect(censusNeedsSnapshot(state, change)).toBe(true);
    expect(censusNeedsSnapshot(state, { ...change, missingComplete: true })).toBe(false);
    expect(censusNeedsSnapshot(state, { ...change, asOf: '2026-12-01' })).toBe(false);
    expect(censusNeedsSnapshot(state, { ...change, more: true })).toBe(false);
  });

  it('tells an event that skips one the state never saw (a snapshot is due), not the next one or one already held', () => {
    const state = stateFrom(latest('2026-12-01', []), null, null, 5);
    expect(missedBefore(state, 6)).toBe(false);
    expect(missedBefore(state, 5)).toBe(false);
    expect(missedBefore(state, 7)).toBe(true);
    expect(missedBefore(stateFrom(latest('2026-12-01', []), null, null, null), 9)).toBe(false);
  });

  it("keeps a hospital's latest report when a late report of an earlier day arrives", () => {
    const state = stateFrom(latest('2026-12-02', [row('2026-12-02', 'h1', 'acute', 90)]), null, null, 1);
    applyCensusUpdated(
      state,
      event(2, { rows: [row('2026-11-28', 'h1', 'acute', 50)], points: [point('2026-11-28', 99)] }),
    );
    expect(state.reports.get('h1|acute')?.date).toBe('2026-12-02');
    expect(state.points.get('2026-11-28|sendai|acute')?.occupied).toBe(99);
  });

  it('keeps only the last 60 days as the census moves on', () => {
    const state = stateFrom(latest('2026-12-01'), null, null, 0);
    applyCensusUpdated(
      state,
      event(1, { asOf: '2026-12-01', points: [point('2026-10-03', 1), point('2026-10-02', 1)] }),
    );
    expect([...state.points.keys()]).toEqual(['2026-10-03|sendai|acute']);
    expect(addDays('2026-12-01', -(HISTORY_DAYS - 1))).toBe('2026-10-03');
  });

  it('takes a forecast from a newer census date and never goes back to an older one', () => {
    const forecast = (censusDate: string): Forecast => ({
      id: censusDate,
      regionId: 'miyagi',
      scenarioId: 'miyagi-2025-baseline',
      censusDate,
      createdAt: `${censusDate}T10:00:00Z`,
      replications: 10,
      seed: 1,
      method: '',
      series: [],
    });
    const state = stateFrom(latest('2026-12-02'), null, forecast('2026-12-01'), 3);
    applyForecastCompleted(state, { seq: 4, forecast: forecast('2026-12-02'), at: 0 });
    expect(state.forecast?.censusDate).toBe('2026-12-02');
    applyForecastCompleted(state, { seq: 5, forecast: forecast('2026-11-30'), at: 0 });
    expect(state.forecast?.censusDate).toBe('2026-12-02');
    expect(state.seq).toBe(5);
  });

  it('says the latest reports are synthetic when those of the latest day are', () => {
    const real = { ...row('2026-12-02', 'h1', 'acute', 90), synthetic: false };
    expect(latestSynthetic(stateFrom(latest('2026-12-02', [real]), null, null, 0))).toBe(false);
    expect(
      latestSynthetic(stateFrom(latest('2026-12-02', [row('2026-12-02', 'h1', 'acute', 90)]), null, null, 0)),
    ).toBe(true);
  });
});

describe('Now panels and alerts', () => {
  const days = (occupied: number[], fn: BedFunction = 'acute'): CensusSeriesPoint[] =>
    occupied.map((o, i) => point(addDays('2026-12-02', i - occupied.length + 1), o, fn));

  it('gives every day of the window, a day without any report as a gap (never 0)', () => {
    const state = stateFrom(
      latest('2026-12-02'),
      {
        regionId: 'miyagi',
        from: '',
        to: '',
        area: null,
        points: [point('2026-12-02', 150), point('2026-11-30', 100, 'acute', 0, 2)],
      },
      null,
      0,
    );
    const [panel] = censusPanels(state, ['sendai'], ['acute']);
    expect(panel.days).toHaveLength(HISTORY_DAYS);
    expect(panel.today?.occupancy).toBe(0.75);
    expect(panel.days.find((d) => d.date === '2026-12-01')?.occupancy).toBeNull();
    expect(panel.days.find((d) => d.date === '2026-11-30')?.occupancy).toBeNull();
  });

  it(`alerts (critical) when occupancy is above ${THRESHOLDS.full * 100} % two days running, not after one day`, () => {
    const oneDay = stateFrom(
      latest('2026-12-02'),
      { regionId: 'miyagi', from: '', to: '', area: null, points: days([180, 192]) },
      null,
      0,
    );
    const [high] = alertsOf(censusPanels(oneDay, ['sendai'], ['acute']));
    expect(high).toMatchObject({ kind: 'high', level: 'warning', occupancy: 0.96 });

    const twoDays = stateFrom(
      latest('2026-12-02'),
      { regionId: 'miyagi', from: '', to: '', area: null, points: days([195, 192]) },
      null,
      0,
    );
    const [full] = alertsOf(censusPanels(twoDays, ['sendai'], ['acute']));
    expect(full).toMatchObject({
      kind: 'full',
      level: 'critical',
      dates: ['2026-12-01', '2026-12-02'],
      partial: false,
    });

    const calm = stateFrom(
      latest('2026-12-02'),
      { regionId: 'miyagi', from: '', to: '', area: null, points: days([150, 160]) },
      null,
      0,
    );
    expect(alertsOf(censusPanels(calm, ['sendai'], ['acute']))).toEqual([]);
  });

  it('marks an alert from a day when not every hospital reported as partial', () => {
    const points = [point('2026-12-01', 195, 'acute', 1, 2), point('2026-12-02', 195, 'acute', 1, 2)];
    const state = stateFrom(
      latest('2026-12-02'),
      { regionId: 'miyagi', from: '', to: '', area: null, points },
      null,
      0,
    );
    expect(alertsOf(censusPanels(state, ['sendai'], ['acute']))[0]).toMatchObject({
      kind: 'full',
      partial: true,
    });
  });

  it('warns when the forecast mean goes above 95 % within 7 days, and reads the bands as shares of beds', () => {
    const forecast: Forecast = {
      id: 'f',
      regionId: 'miyagi',
      scenarioId: 's',
      censusDate: '2026-12-02',
      createdAt: '',
      replications: 10,
      seed: 1,
      method: '',
      series: [
        {
          area: 'sendai',
          function: 'acute',
          points: [1, 2, 3].map((horizon) => ({
            horizon,
            date: addDays('2026-12-02', horizon),
            mean: 180 + horizon * 6,
            p10: 170,
            p90: 200,
            p2_5: 160,
            p97_5: 210,
            beds: 200,
          })),
        },
      ],
    };
    const state = stateFrom(
      latest('2026-12-02'),
      { regionId: 'miyagi', from: '', to: '', area: null, points: days([150]) },
      forecast,
      0,
    );
    const [panel] = censusPanels(state, ['sendai'], ['acute']);
    expect(panel.forecast[0]).toMatchObject({
      horizon: 1,
      mean: 0.93,
      lo80: 0.85,
      hi80: 1,
      lo95: 0.8,
      hi95: 1.05,
    });
    expect(alertsOf([panel])).toEqual([
      expect.objectContaining({ kind: 'forecast', dates: ['2026-12-04'], occupancy: 0.96 }),
    ]);
  });

  it('never warns about forecast days already reported (a forecast from an older census)', () => {
    const forecast: Forecast = {
      id: 'old',
      regionId: 'miyagi',
      scenarioId: 's',
      censusDate: '2026-11-20',
      createdAt: '',
      replications: 4,
      seed: 1,
      method: '',
      series: [
        {
          area: 'sendai',
          function: 'acute',
          points: [1, 2, 3, 4, 5, 6, 7].map((horizon) => ({
            horizon,
            date: addDays('2026-11-20', horizon),
            mean: 198,
            p10: 190,
            p90: 200,
            p2_5: 185,
            p97_5: 200,
            beds: 200,
          })),
        },
      ],
    };
    const points = days([150]);
    const state = stateFrom(
      latest('2026-12-02'),
      { regionId: 'miyagi', from: '', to: '', area: null, points },
      forecast,
      0,
    );
    const panels = censusPanels(state, ['sendai'], ['acute']);
    expect(alertsOf(panels, '2026-12-02')).toEqual([]);
    expect(alertsOf(panels, '2026-11-22')).toEqual([
      expect.objectContaining({ kind: 'forecast', dates: ['2026-11-23'] }),
    ]);
  });

  it("colours the map by an area's general beds today (慢性期 left out), null when none reported", () => {
    const state = stateFrom(
      latest('2026-12-02'),
      {
        regionId: 'miyagi',
        from: '',
        to: '',
        area: null,
        points: [point('2026-12-02', 100, 'acute'), point('2026-12-02', 200, 'chronic')],
      },
      null,
      0,
    );
    expect(generalOccupancyToday(state, 'sendai')).toBe(0.5);
    expect(generalOccupancyToday(state, 'sennan')).toBeNull();
  });
});
