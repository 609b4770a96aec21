// Forecasts on the built api and worker with a private redis-server (AUTH_MODE=tokens): a
// complete day of census reports posted through POST /api/census starts a forecast job on the
// real queue; the worker runs it on its replication pool; the api stores it, answers it at
// GET /api/forecasts/latest (and .csv, .fhir) and sends `forecast.completed` on the Now channel.
// On demand: POST /api/forecasts (planner; a viewer is refused), one job per census date in flight.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, forecastCsv, japanDate } from '@caretwin/census';
import type { ErrorBody, Forecast, ForecastCompletedEvent } from '@caretwin/contracts';
import { TokensRepository, openDatabase } from '@caretwin/store';
import { miyagiCensusRegion } from './harness/census-day';
import { ensureBuilt } from './harness/build';
import { call, waitFor, type Reply } from './harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
} from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

const HEADER =
  'date,institution_code,area,bed_function,numbeds,numBedsOcc,numICUBeds,numICUBedsOcc,numVent,numVentUse,admissions,discharges';
const REPLICATIONS = 6;

/** Every Miyagi hospital × function with beds reporting 80 % of its beds occupied on `date`. */
function completeDayCsv(date: string): { csv: string; rows: number } {
  const region = miyagiCensusRegion();
  const lines = [HEADER];
  for (const h of region.hospitals)
    for (const [f, beds] of Object.entries(h.beds))
      if (beds > 0)
        lines.push(`${date},${h.institutionCode},${h.area},${f},${beds},${Math.round(beds * 0.8)},,,,,,`);
  return { csv: lines.join('\n') + '\n', rows: lines.length - 1 };
}

describe('forecasts on the queue (POST /api/census → forecast job → GET /api/forecasts/latest)', () => {
  let redis: TestRedis;
  let dataDir: string;
  let api: ApiProcess;
  let worker: ServiceProcess;
  let socket: Socket;
  const completed: ForecastCompletedEvent[] = [];
  const token = { planner: '', viewer: '' };
  const as = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}` });
  const censusDate = addDays(japanDate(new Date()), -1);
  // Made before any request: resolving Miyagi takes seconds on a busy machine, longer than the
  // api keeps an idle connection open (a reused one would then be closed under the next request).
  let day = { csv: '', rows: 0 };

  const latest = (query = ''): Promise<Reply<Forecast & ErrorBody>> =>
    call(api.url, 'GET', `/api/forecasts/latest${query}`, { headers: as(token.viewer) });

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-forecasts-'));
    day = completeDayCsv(censusDate);
    const db = openDatabase(dataDir);
    const tokens = new TokensRepository(db);
    const at = new Date().toISOString();
    token.planner = tokens.create({ name: 'planner', role: 'planner', at }).secret;
    token.viewer = tokens.create({ name: 'viewer', role: 'viewer', at }).secret;
    db.close();
    const settings = {
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-forecast-${randomUUID().slice(0, 8)}`,
      extra: { AUTH_MODE: 'tokens', FORECAST_REPLICATIONS: String(REPLICATIONS), WORKER_THREADS: '2' },
    };
    api = await startApiProcess(settings);
    worker = await startWorkerProcess(settings);
    socket = io(api.url, { transports: ['websocket'], auth: { token: token.viewer }, reconnection: false });
    socket.on('forecast.completed', (event: ForecastCompletedEvent) => completed.push(event));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = await socket.timeout(10_000).emitWithAck('now.subscribe', {});
    expect((ack as { error?: ErrorBody }).error).toBeUndefined();
  }, 300_000); // a build when sources changed, then api and worker on a busy machine

  afterAll(async () => {
    socket?.close();
    await worker?.stop();
    await api?.stop();
    await redis?.release(api ? [api.prefix] : []);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 404 before any forecast, and 422 naming `area` for an area the region does not have', async () => {
    const none = await latest();
    expect(none.status, none.text).toBe(404);
    expect(none.body.code).toBe('NOT_FOUND');
    const bad = await latest('?area=atlantis');
    expect(bad.status, bad.text).toBe(422);
    expect(bad.body.issues.map((i) => i.path)).toEqual(['area']);
  });

  it('refuses an on-demand forecast before any census (409)', async () => {
    const early = await call<ErrorBody>(api.url, 'POST', '/api/forecasts', {
      json: {},
      headers: as(token.planner),
    });
    expect(early.status, early.text).toBe(409);
    expect(early.body.code).toBe('NO_CENSUS');
  });

  it('runs a forecast on the queue after a complete day of reports and answers it as the latest', async () => {
    const { csv, rows } = day;
    const posted = await call(api.url, 'POST', '/api/census', {
      text: csv,
      contentType: 'text/csv',
      headers: as(token.planner),
    });
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body).toMatchObject({ dates: [censusDate], stored: rows });

    const forecast = await waitFor('the forecast', async () => {
      const reply = await latest();
      return reply.status === 200 ? reply.body : undefined;
    });
    expect(forecast).toMatchObject({
      regionId: 'miyagi',
      scenarioId: 'miyagi-2025-baseline',
      censusDate,
      replications: REPLICATIONS,
    });
    expect(forecast.series).toHaveLength(4 * 4); // Miyagi's four areas × four functions
    for (const s of forecast.series) {
      expect(s.points.map((p) => p.date)).toEqual(
        Array.from({ length: 14 }, (_, i) => addDays(censusDate, i + 1)),
      );
      for (const p of s.points) {
        expect(p.p2_5).toBeLessThanOrEqual(p.p10);
        expect(p.p10).toBeLessThanOrEqual(p.mean);
        expect(p.mean).toBeLessThanOrEqual(p.p90);
        expect(p.p90).toBeLessThanOrEqual(p.p97_5);
      }
    }
    // every hospital reported 80 %: day 1 starts near 80 % of each area's beds
    const sendai = forecast.series.find((s) => s.area === 'sendai' && s.function === 'acute');
    expect(sendai).toBeDefined();
    const day1 = sendai!.points[0];
    expect(day1.mean / day1.beds).toBeGreaterThan(0.6);
    expect(day1.mean / day1.beds).toBeLessThan(0.9);

    const event = await waitFor('forecast.completed on the Now channel', async () =>
      completed.find((e) => e.forecast.id === forecast.id),
    );
    expect(event.seq).toBeGreaterThan(0);
    expect(event.forecast).toEqual(forecast);
    expect(worker.lines.some((l) => l.msg === 'forecast finished' && l.forecastId === forecast.id)).toBe(
      true,
    );
  }, 180_000);

  it('answers one area, the CSV and the FHIR Bundle of the latest forecast', async () => {
    const all = (await latest()).body;
    const one = await latest('?area=sennan');
    expect(one.status).toBe(200);
    expect(one.body.series.map((s) => s.area)).toEqual(['sennan', 'sennan', 'sennan', 'sennan']);
    const csv = await call(api.url, 'GET', '/api/forecasts/latest.csv', { headers: as(token.viewer) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toBe(forecastCsv(all));
    const fhir = await call<{ resourceType: string; entry: unknown[] }>(
      api.url,
      'GET',
      '/api/forecasts/latest.fhir',
      {
        headers: as(token.viewer),
      },
    );
    expect(fhir.status).toBe(200);
    expect(fhir.headers.get('content-type')).toContain('application/fhir+json');
    expect(fhir.body.resourceType).toBe('Bundle');
    expect(fhir.body.entry).toHaveLength(4 * 14);
  });

  it('queues an on-demand forecast (202) and answers the same id while that census date is in flight', async () => {
    const first = await call<{ id: string; censusDate: string; queued: boolean }>(
      api.url,
      'POST',
      '/api/forecasts',
      {
        json: { censusDate },
        headers: as(token.planner),
      },
    );
    expect(first.status, first.text).toBe(202);
    expect(first.body).toMatchObject({ censusDate, queued: true });
    const second = await call<{ id: string; queued: boolean }>(api.url, 'POST', '/api/forecasts', {
      json: {},
      headers: as(token.planner),
    });
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ id: first.body.id, censusDate, queued: false });
    const stored = await waitFor('the on-demand forecast', async () => {
      const reply = await latest();
      return reply.body.id === first.body.id ? reply.body : undefined;
    });
    expect(stored.censusDate).toBe(censusDate);
    const future = await call<ErrorBody>(api.url, 'POST', '/api/forecasts', {
      json: { censusDate: addDays(japanDate(new Date()), 2) },
      headers: as(token.planner),
    });
    expect(future.status).toBe(422);
    expect(future.body.issues.map((i) => i.path)).toEqual(['censusDate']);
  }, 180_000);

  it('refuses an on-demand forecast from a viewer (403)', async () => {
    const viewer = await call(api.url, 'POST', '/api/forecasts', { json: {}, headers: as(token.viewer) });
    expect(viewer.status).toBe(403);
  });
});
