// The automatic forecast's daily cutoff on the built api and worker with a private redis-server:
// a day one hospital never reports is not complete, so no forecast follows it by itself; once the
// Japanese day is past FORECAST_CUTOFF (here 00:00: always) the latest census is forecast from what
// arrived, the silent hospital started from the expected census and counted in the method. When
// the last report does come, the complete day gets its own, newer forecast.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, censusCsv, japanDate, type CensusRegion } from '@caretwin/census';
import type { ErrorBody, Forecast } from '@caretwin/contracts';
import { miyagiCensusRegion, reportedDay } from './harness/census-day';
import { ensureBuilt } from './harness/build';
import { call, waitFor, type Reply } from './harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
} from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

describe('the forecast at the daily cutoff (FORECAST_CUTOFF)', () => {
  let redis: TestRedis;
  let dataDir: string;
  let api: ApiProcess;
  let worker: ServiceProcess;
  let hospitals: CensusRegion['hospitals'];
  const censusDate = addDays(japanDate(new Date()), -1);

  const latest = (): Promise<Reply<Forecast & ErrorBody>> => call(api.url, 'GET', '/api/forecasts/latest');
  const post = (csv: string): Promise<Reply<ErrorBody>> =>
    call(api.url, 'POST', '/api/census', { text: csv, contentType: 'text/csv' });
  const forecastWhere = (test: (f: Forecast) => boolean): Promise<Forecast> =>
    waitFor('the forecast', async () => {
      const reply = await latest();
      return reply.status === 200 && test(reply.body) ? reply.body : undefined;
    });

  beforeAll(async () => {
    await ensureBuilt();
    hospitals = miyagiCensusRegion().hospitals;
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-cutoff-'));
    const settings = {
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-cutoff-${randomUUID().slice(0, 8)}`,
      extra: { FORECAST_CUTOFF: '00:00', FORECAST_REPLICATIONS: '4', WORKER_THREADS: '2' },
    };
    api = await startApiProcess(settings);
    worker = await startWorkerProcess(settings);
  }, 300_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await redis?.release(api ? [api.prefix] : []);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('forecasts a day one hospital never reported once the cutoff has passed, counting the silent hospital', async () => {
    const [silent, ...reporting] = hospitals;
    const posted = await post(censusCsv(reportedDay(reporting, censusDate, 0.8)));
    expect(posted.status, posted.text).toBe(200);
    await api.waitForLog((l) => l.msg === 'forecast at the cutoff' && l.censusDate === censusDate);

    const forecast = await forecastWhere((f) => f.censusDate === censusDate);
    const silentFunctions = Object.values(silent!.beds).filter((beds) => beds > 0).length;
    expect(forecast.method).toContain(`${silentFunctions} without a report in the last 7 days`);
    expect(forecast.series.length).toBeGreaterThan(0);
  }, 180_000);

  it('forecasts the day again, complete, when the silent hospital reports', async () => {
    const first = (await latest()).body;
    const posted = await post(censusCsv(reportedDay(hospitals.slice(0, 1), censusDate, 0.8)));
    expect(posted.status, posted.text).toBe(200);
    const complete = await forecastWhere((f) => f.censusDate === censusDate && f.id !== first.id);
    expect(complete.createdAt > first.createdAt).toBe(true);
    expect(complete.method).toContain(' 0 without a report in the last 7 days');
  }, 180_000);
});
