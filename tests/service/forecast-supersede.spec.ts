// Automatic forecasts do not pile up: with no worker taking jobs, four complete days posted in
// order leave one waiting forecast (the newest day's), since each complete day drops the older
// automatic ones still waiting; a forecast asked for by hand is kept. A backfill (npm start's
// synthetic feed, 120 days) therefore costs one or two forecasts, not 120.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, censusCsv, japanDate } from '@caretwin/census';
import type { CensusRow } from '@caretwin/contracts';
import { FORECASTS_QUEUE, type ForecastJobData } from '@caretwin/runner';
import { miyagiCensusRegion, reportedDay } from './harness/census-day';
import { ensureBuilt } from './harness/build';
import { call } from './harness/http';
import { startApiProcess, type ApiProcess } from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

describe('automatic forecasts while no worker takes them', () => {
  let redis: TestRedis;
  let dataDir: string;
  let api: ApiProcess;
  let queue: Queue;
  let rowsOf: (date: string) => CensusRow[];

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-supersede-'));
    const region = miyagiCensusRegion();
    rowsOf = (date) => reportedDay(region.hospitals, date, 0.8);
    const prefix = `ct-supersede-${randomUUID().slice(0, 8)}`;
    api = await startApiProcess({ dataDir, redisUrl: redis.url, prefix });
    queue = new Queue(FORECASTS_QUEUE, { connection: { url: redis.url }, prefix });
  }, 300_000);

  afterAll(async () => {
    await queue?.close();
    await api?.stop();
    await redis?.release(api ? [api.prefix] : []);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps only the newest complete day waiting, and a forecast asked for by hand', async () => {
    const today = japanDate(new Date());
    const days = [-6, -5, -4, -3].map((d) => addDays(today, d));
    const waiting = async (): Promise<string[]> =>
      (await queue.getWaiting())
        .map((job) => `${(job.data as ForecastJobData).censusDate} ${(job.data as ForecastJobData).trigger}`)
        .sort();
    // Posts a complete day, then waits for its automatic forecast to be queued (just after the answer).
    const post = async (date: string): Promise<void> => {
      const posted = await call(api.url, 'POST', '/api/census', {
        text: censusCsv(rowsOf(date)),
        contentType: 'text/csv',
      });
      expect(posted.status, posted.text).toBe(200);
      const until = Date.now() + 30_000;
      while (!(await waiting()).includes(`${date} auto`)) {
        if (Date.now() > until) throw new Error(`no automatic forecast of ${date} queued`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    for (const date of days.slice(0, 3)) await post(date);
    expect(await waiting()).toEqual([`${days[2]} auto`]);
    // The first day's automatic forecast was dropped: asked for again by hand, it stays.
    const byHand = await call(api.url, 'POST', '/api/forecasts', { json: { censusDate: days[0] } });
    expect(byHand.status, byHand.text).toBe(202);
    await post(days[3]);
    expect(await waiting()).toEqual([`${days[0]} manual`, `${days[3]} auto`]);
  });
});
