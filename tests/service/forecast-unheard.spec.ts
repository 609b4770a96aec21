// A forecast the worker finishes while no api is up is not lost: the completed job keeps it (a
// day), and the api stores it when it starts. The same date can then be forecast again by hand
// (the finished job makes way for the new one).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, censusCsv, japanDate } from '@caretwin/census';
import type { Forecast } from '@caretwin/contracts';
import { FORECASTS_QUEUE, forecastJobId } from '@caretwin/runner';
import { miyagiCensusRegion, reportedDay } from './harness/census-day';
import { ensureBuilt } from './harness/build';
import { call, waitFor } from './harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
  type ServiceSettings,
} from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

describe('a forecast completed while no api is up', () => {
  let redis: TestRedis;
  let dataDir: string;
  let settings: ServiceSettings;
  let api: ApiProcess | undefined;
  let worker: ServiceProcess | undefined;
  let queue: Queue;
  const censusDate = addDays(japanDate(new Date()), -1);

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-unheard-'));
    settings = {
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-unheard-${randomUUID().slice(0, 8)}`,
      extra: { FORECAST_REPLICATIONS: '4' },
    };
    queue = new Queue(FORECASTS_QUEUE, { connection: { url: redis.url }, prefix: settings.prefix });
  }, 300_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.stop();
    await api?.stop();
    await redis?.release(settings ? [settings.prefix as string] : []);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is stored by the api when it starts, and the date can be forecast again', async () => {
    // a complete day posted while no worker runs: its automatic forecast waits on the queue
    api = await startApiProcess(settings);
    const region = miyagiCensusRegion();
    const posted = await call(api.url, 'POST', '/api/census', {
      text: censusCsv(reportedDay(region.hospitals, censusDate, 0.8)),
      contentType: 'text/csv',
    });
    expect(posted.status, posted.text).toBe(200);
    const jobId = forecastJobId(censusDate);
    await waitFor(
      'the automatic forecast queued',
      async () => ((await queue.getJob(jobId)) ? true : undefined),
      180_000,
    );
    await api.stop();
    api = undefined;

    // the worker finishes it with nobody listening
    worker = await startWorkerProcess(settings);
    await waitFor(
      'the forecast job completed',
      async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined),
      180_000,
    );
    await worker.stop();
    worker = undefined;

    // the api that starts next finds it in the completed job and stores it
    api = await startApiProcess(settings);
    const started = api;
    const latest = await waitFor(
      'the forecast stored',
      async () => {
        const answer = await call<Forecast>(started.url, 'GET', '/api/forecasts/latest');
        return answer.status === 200 ? answer.body : undefined;
      },
      180_000,
    );
    expect(latest.censusDate).toBe(censusDate);
    expect(latest.replications).toBe(4);
    expect(latest.series.length).toBeGreaterThan(0);
    // the log line follows the insert (the read above may land between them)
    const collected = await started.waitForLog(
      (l) => l.msg === 'forecasts completed while no api was up stored',
    );
    expect(collected.stored).toBe(1);

    // asked for by hand, the same date is queued again (not swallowed by the finished job's id)
    const again = await call<{ id: string; queued: boolean }>(started.url, 'POST', '/api/forecasts', {
      json: { censusDate },
    });
    expect(again.status, again.text).toBe(202);
    expect(again.body.queued).toBe(true);
    expect(again.body.id).not.toBe(latest.id);
    expect(await queue.getJobState(jobId)).toBe('waiting');
  }, 400_000);
});
