// Forecasts on a real SQLite database (in memory): stored once per id, the latest by census
// date then creation, the JSON given back as stored.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForecastRepository, MIGRATIONS, migrate, type Db, type ForecastRecord } from './index';

const record = (over: Partial<ForecastRecord> = {}): ForecastRecord => ({
  id: 'f-1',
  regionId: 'miyagi',
  scenarioId: 'miyagi-2025-baseline',
  censusDate: '2026-11-01',
  createdAt: '2026-11-02T00:20:00.000Z',
  replications: 100,
  seed: 1,
  trigger: 'auto',
  requestedBy: null,
  json: '{"id":"f-1"}',
  ...over,
});

describe('the forecast repository', () => {
  let db: Db;
  let forecasts: ForecastRepository;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    forecasts = new ForecastRepository(db);
  });
  afterEach(() => db.close());

  it('holds nothing before the first forecast', () => {
    expect(forecasts.latest()).toBeNull();
    expect(forecasts.latestCensusDate()).toBeNull();
    expect(forecasts.count()).toBe(0);
  });

  it('stores a forecast once: a second insert of the same id says false and changes nothing', () => {
    expect(forecasts.insert(record())).toBe(true);
    expect(forecasts.insert(record({ json: '{"id":"other"}' }))).toBe(false);
    expect(forecasts.count()).toBe(1);
    expect(forecasts.get('f-1')).toEqual(record());
  });

  it('answers the newest census date as latest, and of one date the newest created', () => {
    forecasts.insert(record({ id: 'a', censusDate: '2026-11-02', createdAt: '2026-11-03T00:00:00.000Z' }));
    forecasts.insert(record({ id: 'b', censusDate: '2026-11-02', createdAt: '2026-11-03T05:00:00.000Z' }));
    // created later, but from an older census (a backfilled day)
    forecasts.insert(record({ id: 'c', censusDate: '2026-11-01', createdAt: '2026-11-04T00:00:00.000Z' }));
    expect(forecasts.latest()?.id).toBe('b');
    expect(forecasts.latestCensusDate()).toBe('2026-11-02');
  });

  it('refuses a trigger other than auto or manual', () => {
    expect(() => forecasts.insert(record({ trigger: 'cron' as 'auto' }))).toThrow(/CHECK/);
  });
});
