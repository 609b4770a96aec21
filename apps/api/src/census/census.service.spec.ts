// CensusService on a real SQLite store and the shipped Miyagi scenario, without Redis (its
// client refuses at once: the Now channel is tested on the built api, tests/service/census.spec):
// dayComplete once every hospital × function with beds reported a date, and again when that day
// is re-reported, never for a partial day; the forecast's start state — the latest report of each
// hospital × function on or before the date, at most a week old.
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type AppConfig } from '@caretwin/config';
import { censusCsv, expectedReporters } from '@caretwin/census';
import type { CensusRow } from '@caretwin/contracts';
import { ScenarioCatalog } from '@caretwin/scenario';
import { MIGRATIONS, migrate, type Db } from '@caretwin/store';
import { OPEN_PRINCIPAL } from '../access/principal';
import { CensusEvents } from './census-events';
import { CensusService } from './census.service';
import { NowPublisher } from './now-publisher';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('the census service', () => {
  let db: Db;
  let redis: Redis;
  let service: CensusService;
  const events = new CensusEvents();
  const completed: string[] = [];

  beforeAll(() => {
    db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const config = {
      census: { scenario: 'miyagi-2025-baseline' },
      redis: { url: 'redis://127.0.0.1:1', prefix: 'census-spec' },
      log: { level: 'silent', format: 'json' },
    } as AppConfig;
    const logger = createLogger(config, 'census-spec');
    // no Redis: every command fails at once, so the Now channel's part is skipped (and logged)
    redis = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const catalog = new ScenarioCatalog({
      shippedDir: join(ROOT, 'scenarios'),
      regionsDir: join(ROOT, 'scenarios', 'data'),
    });
    service = new CensusService(db, catalog, config, logger, new NowPublisher(redis, config, logger), events);
    events.onDayComplete((date) => completed.push(date));
  }, 60_000);

  afterAll(() => {
    redis.disconnect();
    db.close();
  });

  const day = (date: string, skip = 0): CensusRow[] =>
    expectedReporters(service.region())
      .slice(skip)
      .map(({ hospital, function: fn }) => ({
        date,
        hospital: hospital.id,
        institutionCode: hospital.institutionCode,
        area: hospital.area,
        function: fn,
        beds: hospital.beds[fn],
        occupied: Math.floor(hospital.beds[fn] * 0.8),
        icuBeds: null,
        icuOccupied: null,
        vents: null,
        ventsInUse: null,
        admissions: null,
        discharges: null,
      }));
  const post = (rows: CensusRow[], now = new Date('2026-12-02T00:00:00Z')) =>
    service.post(
      { body: { kind: 'csv', text: censusCsv(rows) }, synthetic: true, principal: OPEN_PRINCIPAL },
      now,
    );

  it('fires dayComplete only once every hospital × function with beds has reported the date', async () => {
    const rows = day('2026-11-20');
    expect(rows.length).toBe(188);
    await post(rows.slice(0, 100));
    expect(completed).toEqual([]);
    await post(rows.slice(100));
    expect(completed).toEqual(['2026-11-20']);
  });

  it('fires it again when a complete day is re-reported, and not for a partial day', async () => {
    await post(day('2026-11-20').slice(0, 1));
    await post(day('2026-11-21', 1));
    expect(completed).toEqual(['2026-11-20', '2026-11-20']);
  });

  it('starts a forecast from each hospital × function’s latest report on or before the date, at most 7 days old', async () => {
    await post(day('2026-11-10')); // 11 days before: too old for the 21st
    const start = service.startState('2026-11-21');
    const first = day('2026-11-21')[0] as CensusRow;
    // the first pair did not report on the 21st: its report of the 20th stands in
    expect(start.find((r) => r.hospital === first.hospital && r.function === first.function)?.date).toBe(
      '2026-11-20',
    );
    expect(start).toHaveLength(188);
    expect(new Set(start.map((r) => r.date))).toEqual(new Set(['2026-11-20', '2026-11-21']));
    expect(service.startState('2026-11-30').filter((r) => r.date === '2026-11-10')).toEqual([]);
    expect(service.startState('2026-11-12').every((r) => r.date === '2026-11-10' && r.synthetic)).toBe(true);
  });

  it('answers the latest with the missing pairs of the latest date', async () => {
    const latest = await service.latest();
    expect(latest.asOf).toBe('2026-11-21');
    expect(latest.missing.map((m) => [m.hospital, m.function, m.lastDate])).toEqual([
      [day('2026-11-21')[0]?.hospital, day('2026-11-21')[0]?.function, '2026-11-20'],
    ]);
  });
});
