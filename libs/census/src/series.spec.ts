// The daily series and the missing reports on a small region: a hospital that did not report is
// missing (counted in expected − reported), never summed as zero; a day is complete only when
// every hospital × function with beds reported.
import { describe, expect, it } from 'vitest';
import type { CensusRow } from '@caretwin/contracts';
import { censusRegion } from './region';
import { isDayComplete, missingReports, seriesPoints } from './series';

const region = censusRegion({
  id: 'tiny',
  areas: [{ id: 'north' }, { id: 'south' }],
  hospitals: [
    { id: 'n1', area: 'north', municipality: '04100', beds: { acute: 100, recovery: 20 } },
    { id: 'n2', area: 'north', municipality: '04100', beds: { acute: 50 } },
    { id: 's1', area: 'south', municipality: '04200', beds: { chronic: 30 } },
  ],
});

const row = (
  date: string,
  hospital: string,
  fn: CensusRow['function'],
  beds: number,
  occupied: number,
): CensusRow => {
  const h = region.byId.get(hospital)!;
  return {
    date,
    hospital,
    institutionCode: h.institutionCode,
    area: h.area,
    function: fn,
    beds,
    occupied,
    icuBeds: null,
    icuOccupied: null,
    vents: null,
    ventsInUse: null,
    admissions: null,
    discharges: null,
  };
};

describe('the census series', () => {
  const rows = [
    row('2026-11-01', 'n1', 'acute', 100, 80),
    row('2026-11-01', 'n2', 'acute', 50, 40),
    row('2026-11-01', 'n1', 'recovery', 20, 18),
    row('2026-11-01', 's1', 'chronic', 30, 29),
    row('2026-11-02', 'n1', 'acute', 100, 85),
  ];

  it('sums the hospitals that reported, per area × function × day, and counts who is expected', () => {
    const points = seriesPoints(region, rows);
    expect(points.filter((p) => p.date === '2026-11-01')).toEqual([
      {
        date: '2026-11-01',
        area: 'north',
        function: 'acute',
        beds: 150,
        occupied: 120,
        reported: 2,
        expected: 2,
      },
      {
        date: '2026-11-01',
        area: 'north',
        function: 'recovery',
        beds: 20,
        occupied: 18,
        reported: 1,
        expected: 1,
      },
      {
        date: '2026-11-01',
        area: 'south',
        function: 'chronic',
        beds: 30,
        occupied: 29,
        reported: 1,
        expected: 1,
      },
    ]);
  });

  it('shows a day with missing hospitals as missing: reported below expected, no figures (null) where none reported, never zero-filled', () => {
    const points = seriesPoints(region, rows).filter((p) => p.date === '2026-11-02');
    expect(points).toEqual([
      {
        date: '2026-11-02',
        area: 'north',
        function: 'acute',
        beds: 100,
        occupied: 85,
        reported: 1,
        expected: 2,
      },
      {
        date: '2026-11-02',
        area: 'north',
        function: 'recovery',
        beds: null,
        occupied: null,
        reported: 0,
        expected: 1,
      },
      {
        date: '2026-11-02',
        area: 'south',
        function: 'chronic',
        beds: null,
        occupied: null,
        reported: 0,
        expected: 1,
      },
    ]);
  });

  it('keeps to one area when asked', () => {
    expect(new Set(seriesPoints(region, rows, { area: 'south' }).map((p) => p.area))).toEqual(
      new Set(['south']),
    );
  });

  it('lists the missing reports of a date with each one’s last report', () => {
    const last = new Map([
      ['n1|recovery', '2026-11-01'],
      ['s1|chronic', '2026-11-01'],
    ]);
    expect(missingReports(region, '2026-11-02', rows, last)).toEqual([
      {
        hospital: 'n1',
        institutionCode: region.byId.get('n1')?.institutionCode,
        area: 'north',
        function: 'recovery',
        lastDate: '2026-11-01',
      },
      {
        hospital: 'n2',
        institutionCode: region.byId.get('n2')?.institutionCode,
        area: 'north',
        function: 'acute',
        lastDate: null,
      },
      {
        hospital: 's1',
        institutionCode: region.byId.get('s1')?.institutionCode,
        area: 'south',
        function: 'chronic',
        lastDate: '2026-11-01',
      },
    ]);
  });

  it('calls a day complete only when every hospital × function with beds reported', () => {
    expect(isDayComplete(region, '2026-11-01', rows)).toBe(true);
    expect(isDayComplete(region, '2026-11-02', rows)).toBe(false);
  });
});
