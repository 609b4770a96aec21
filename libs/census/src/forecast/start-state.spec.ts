// The start state: census rows → the scenario's given initial census, hospitals without a row
// filled from the expected census, and the beds each area × function counts.
import { describe, expect, it } from 'vitest';
import type { CensusRow } from '@caretwin/contracts';
import { startStateFrom, type ForecastHospital } from './start-state';

const hospitals: ForecastHospital[] = [
  { id: 'n1', area: 'north', beds: { highAcute: 10, acute: 100, recovery: 0, chronic: 50 } },
  { id: 'n2', area: 'north', beds: { acute: 40 } },
  { id: 's1', area: 'south', beds: { acute: 80, recovery: 30 } },
];

const row = (
  hospital: string,
  f: CensusRow['function'],
  occupied: number,
  beds: number,
  date = '2026-11-30',
): CensusRow => ({
  date,
  hospital,
  institutionCode: '0000000000',
  area: hospitals.find((h) => h.id === hospital)?.area ?? 'nowhere',
  function: f,
  beds,
  occupied,
  icuBeds: null,
  icuOccupied: null,
  vents: null,
  ventsInUse: null,
  admissions: null,
  discharges: null,
});

describe('a forecast start state', () => {
  it('gives each reported hospital × function its occupied beds and leaves the rest to the expected census', () => {
    const start = startStateFrom(
      [row('n1', 'acute', 91, 100), row('n1', 'chronic', 48, 50), row('s1', 'acute', 70, 82)],
      hospitals,
    );
    expect(start.initialCensus).toEqual({
      mode: 'given',
      hospitals: { n1: { acute: 91, chronic: 48 }, s1: { acute: 70 } },
      missing: 'expected',
    });
    expect(start.given).toBe(3);
    // n1 highAcute, n2 acute, s1 recovery have beds and no report
    expect(start.filled).toBe(3);
  });

  it('counts the reported beds, and the region’s where a hospital × function did not report', () => {
    const start = startStateFrom([row('n1', 'acute', 91, 96), row('s1', 'acute', 70, 82)], hospitals);
    const beds = Object.fromEntries(start.beds.map((b) => [`${b.area}/${b.function}`, b.beds]));
    expect(beds).toEqual({
      'north/highAcute': 10,
      'north/acute': 96 + 40,
      'north/recovery': 0,
      'north/chronic': 50,
      'south/highAcute': 0,
      'south/acute': 82,
      'south/recovery': 30,
      'south/chronic': 0,
    });
  });

  it('takes the later of two reports of one hospital × function and ignores unknown hospitals', () => {
    const start = startStateFrom(
      [
        row('n2', 'acute', 30, 40, '2026-11-29'),
        row('n2', 'acute', 33, 40, '2026-11-30'),
        row('x9', 'acute', 5, 5),
      ],
      hospitals,
    );
    expect(start.initialCensus.hospitals).toEqual({ n2: { acute: 33 } });
  });
});
