// The census history on a real SQLite database (in memory): a re-sent hospital × function × day
// replaces the earlier report, a request is stored whole or not at all, the latest report per
// hospital × function, ranges by area, and null kept as null (never 0).
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CensusRepository, MIGRATIONS, migrate, type CensusRecord, type Db } from './index';

const record = (over: Partial<CensusRecord> = {}): CensusRecord => ({
  date: '2026-11-01',
  hospital: 'sennan-core',
  institutionCode: '0411000019',
  area: 'sennan',
  function: 'acute',
  beds: 211,
  occupied: 180,
  icuBeds: null,
  icuOccupied: null,
  vents: null,
  ventsInUse: null,
  admissions: 12,
  discharges: null,
  receivedAt: '2026-11-02T00:10:00.000Z',
  reporter: 'open',
  synthetic: false,
  ...over,
});

describe('the census repository', () => {
  let db: Db;
  let census: CensusRepository;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    census = new CensusRepository(db);
  });

  afterEach(() => db.close());

  it('replaces a re-sent report of the same hospital, function and day and counts it as replaced', () => {
    expect(census.store([record(), record({ function: 'recovery', beds: 19, occupied: 15 })])).toEqual({
      stored: 2,
      replaced: 0,
    });
    expect(
      census.store([record({ occupied: 190, receivedAt: '2026-11-02T03:00:00.000Z', reporter: 'late' })]),
    ).toEqual({ stored: 1, replaced: 1 });
    expect(census.count()).toBe(2);
    expect(census.lastReceivedAt()).toBe('2026-11-02T03:00:00.000Z');
    const acute = census.range('2026-11-01', '2026-11-01').find((r) => r.function === 'acute');
    expect(acute).toMatchObject({ occupied: 190, reporter: 'late', receivedAt: '2026-11-02T03:00:00.000Z' });
  });

  it('keeps unreported figures as null and the synthetic flag as a boolean', () => {
    census.store([record({ synthetic: true })]);
    const [row] = census.range('2026-11-01', '2026-11-01');
    expect(row).toEqual(record({ synthetic: true }));
    expect(row?.icuBeds).toBeNull();
  });

  it('stores a request whole or not at all', () => {
    census.store([record()]);
    expect(() =>
      census.store([
        record({ date: '2026-11-02' }),
        record({ date: '2026-11-02', function: 'nonsense' as CensusRecord['function'] }),
      ]),
    ).toThrow(/CHECK constraint failed/);
    expect(census.count()).toBe(1);
    expect(census.latestDate()).toBe('2026-11-01');
  });

  it('answers the last report per hospital and function, within a window of dates', () => {
    census.store([
      record({ date: '2026-11-01' }),
      record({ date: '2026-11-03', occupied: 170 }),
      record({ date: '2026-11-02', hospital: 'kakuda-municipal', area: 'sennan', occupied: 60 }),
    ]);
    const latest = census.latest();
    expect(latest.map((r) => [r.hospital, r.date])).toEqual([
      ['kakuda-municipal', '2026-11-02'],
      ['sennan-core', '2026-11-03'],
    ]);
    expect(census.latest({ to: '2026-11-02' }).map((r) => r.date)).toEqual(['2026-11-02', '2026-11-01']);
    expect(census.latest({ from: '2026-11-03', to: '2026-11-03' })).toHaveLength(1);
    expect(census.lastDates().get('kakuda-municipal|acute')).toBe('2026-11-02');
    expect([census.firstDate(), census.latestDate()]).toEqual(['2026-11-01', '2026-11-03']);
  });

  it('reads a range of dates, optionally of one area, in date order', () => {
    census.store([
      record({ date: '2026-11-02' }),
      record({ date: '2026-11-01' }),
      record({ date: '2026-11-01', hospital: 'sendai-x', area: 'sendai' }),
    ]);
    expect(census.range('2026-11-01', '2026-11-02').map((r) => r.date)).toEqual([
      '2026-11-01',
      '2026-11-01',
      '2026-11-02',
    ]);
    expect(census.range('2026-11-01', '2026-11-02', 'sendai').map((r) => r.hospital)).toEqual(['sendai-x']);
    expect(census.range('2026-11-03', '2026-11-09')).toEqual([]);
  });
});
