// The daily series and the missing reports on a small region: a hospital that did not report is
// missing (counted in expected − reported), never summed as zero; a day is complete only when
// every hospital × function with beds reported.
import { describe, expect, it } from 'vitest';
import type { CensusRow } from '@caretwin/contracts';
import { censusRegion } from './region';
import { isDayComplete, missingChange, missingReports, seriesPoints } from './series';

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

  describe('the change a request makes to the missing list (census.updated)', () => {
    const last = new Map([
      ['n1|acute', '2026-11-02'],
      ['n1|recovery', '2026-11-01'],
      ['s1|chronic', '2026-11-01'],
    ]);
    const after = missingReports(region, '2026-11-02', rows, last);

    it('sends the whole list when the request started a new day', () => {
      const change = missingChange('2026-11-01', '2026-11-02', after, [rows[4]!]);
      expect(change.missingComplete).toBe(true);
      expect(change.missing).toEqual(after);
      expect(change.missingResolved).toEqual([]);
    });

    it('on the same day sends only the pairs the request reported (resolved) and none of the others', () => {
      const late = row('2026-11-02', 'n1', 'acute', 100, 86);
      const change = missingChange('2026-11-02', '2026-11-02', after, [late]);
      expect(change).toEqual({
        missing: [],
        missingComplete: false,
        missingResolved: [{ hospital: 'n1', function: 'acute' }],
      });
    });

    it('sends a still-missing pair again when a late report moved its last report, not when a later one is held', () => {
      // n2 never reported before: its late report of 11-01 is now its last one
      const moved = missingReports(
        region,
        '2026-11-02',
        rows,
        new Map([...last, ['n2|acute', '2026-11-01']]),
      );
      const late = [row('2026-11-01', 'n2', 'acute', 50, 41), row('2026-10-31', 's1', 'chronic', 30, 28)];
      const change = missingChange('2026-11-02', '2026-11-02', moved, late);
      expect(change.missingComplete).toBe(false);
      expect(change.missing).toEqual([expect.objectContaining({ hospital: 'n2', lastDate: '2026-11-01' })]);
      expect(change.missingResolved).toEqual([]);
    });
  });
});
