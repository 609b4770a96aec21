// Live progress and operations end to end: the built api and two built worker processes on a
// private redis-server (or REDIS_URL), own BullMQ prefix and data dir, real socket.io clients
// using the typed client of libs/contracts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, LiveRunState, RunSnapshot } from '@caretwin/contracts';
import { freePort, startRedisServer } from '../../scripts/private-redis.mjs';
import { ensureBuilt } from '../service/harness/build';
import { call } from '../service/harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
  type ServiceSettings,
} from '../service/harness/processes';
import { acquireRedis, type TestRedis } from '../service/harness/redis';
import { connectSocket, finalView, mostInWindow, watchRun, type Watcher } from './harness/live-client';

const MAX_MESSAGE_BYTES = 64 * 1024;
/**
 * This suite's LIVE_MAX_MESSAGE_BYTES: under the 64 KiB default, so the half-way snapshot of this
 * run is downsampled and a burst of deltas is split over several messages, whatever the machine's speed.
 */
const SUITE_MESSAGE_BYTES = 20 * 1024;
/** Miyagi, 240 days after a 5-day warm-up, 6 replications: the band (16 series × 245 days) outgrows one message. */
const RUN = {
  scenario: {
    id: 'live-miyagi',
    extends: 'miyagi-2025-baseline',
    horizonDays: 240,
    warmupDays: 5,
    replications: 6,
    seed: 21,
  },
};
const DAYS = 245;

interface ResultDocument {
  execution: { replications: Array<{ replication: number; pid: number; worker: string }> };
}

describe('live run progress over socket.io (built api, two worker processes, real Redis)', () => {
  let redis: TestRedis;
  let dataDir: string;
  let settings: ServiceSettings;
  let api: ApiProcess;
  let workers: ServiceProcess[] = [];
  const prefix = `ct-live-${randomUUID().slice(0, 8)}`;
  const watchers: Watcher[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-live-'));
    // A fixed port, so the api can be restarted where its clients reconnect.
    const port = String(await freePort());
    settings = {
      dataDir,
      redisUrl: redis.url,
      prefix,
      extra: {
        PORT: port,
        WORKER_STATS_INTERVAL_MS: '500',
        LIVE_MAX_MESSAGE_BYTES: String(SUITE_MESSAGE_BYTES),
      },
    };
    [api, ...workers] = await Promise.all([
      startApiProcess(settings),
      startWorkerProcess(settings),
      startWorkerProcess(settings),
    ]);
  }, 180_000);

  afterAll(async () => {
    for (const w of watchers) w.close();
    await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop()));
    await redis?.release([prefix]);
    if (redis?.dir) rmSync(redis.dir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const watch = (runId: string, options: { loseProgress?: number } = {}): Watcher => {
    const watcher = watchRun(api.url, runId, options);
    watchers.push(watcher);
    return watcher;
  };

  describe('a run watched from its start, from half-way, and by a client that drops out for a while', () => {
    let runId: string;
    let early: Watcher;
    let late: Watcher;
    let dropper: Watcher;
    let lossy: Watcher;
    let ends: LiveRunState[];
    let seqBeforeDrop = 0;
    /** progress.percent of the run in GET /api/runs (the store's) when the watchers were at 40 % or more */
    let storedPercent = 0;

    beforeAll(async () => {
      const posted = await call<{ id: string }>(api.url, 'POST', '/api/runs', { json: RUN });
      expect(posted.status).toBe(202);
      runId = posted.body.id;
      early = watch(runId);
      dropper = watch(runId);
      lossy = watch(runId, { loseProgress: 3 }); // its third delta never arrives
      await early.when((s) => s.seq > 0);

      await early.when((s) => s.percent >= 15);
      seqBeforeDrop = dropper.watch.state?.seq ?? 0;
      dropper.socket.disconnect();
      await early.when((s) => s.percent >= 40);
      const listed = await call<{ items: Array<{ id: string; progress: { percent: number } }> }>(
        api.url,
        'GET',
        '/api/runs',
      );
      storedPercent = listed.body.items.find((r) => r.id === runId)?.progress.percent ?? 0;
      late = watch(runId);
      await early.when((s) => s.percent >= 50);
      dropper.socket.connect(); // the typed client subscribes again on connect

      ends = await Promise.all([early.finished, late.finished, dropper.finished, lossy.finished]);
    }, 180_000);

    it('ends with the same final state for every client, complete and at 100 %', () => {
      const [first, second, third, fourth] = ends.map(finalView);
      expect(first.state).toBe('completed');
      expect(first.percent).toBe(100);
      expect(first.complete).toBe(true);
      expect(first.replications.map((r) => [r.index, r.done])).toEqual(
        [0, 1, 2, 3, 4, 5].map((i) => [i, true]),
      );
      expect(first.band).toHaveLength(16); // 4 areas × 4 functions
      for (const series of first.band) {
        expect(series.points.map((p) => p.day)).toEqual(Array.from({ length: DAYS }, (_, i) => i + 1));
        expect(series.points.every((p) => p.n === 6 && p.min <= p.mean && p.mean <= p.max)).toBe(true);
      }
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect(fourth).toEqual(first);
    });

    it('sends deltas: each event builds on the one before, and a client that lost one subscribes again for a snapshot', () => {
      // The lossy client saw the delta after the lost one as a gap, did not apply it, and caught
      // up from a second snapshot (its final state equals the others', above).
      const gaps = lossy.received.filter((r) => r.outcome === 'gap');
      expect(gaps.length).toBeGreaterThan(0);
      expect(lossy.snapshots.length).toBe(2);
      const firstGap = gaps[0].seq;
      expect(lossy.snapshots[1].seq).toBeGreaterThan(firstGap);
      // The others never saw a gap.
      for (const w of [early, late]) expect(w.received.some((r) => r.outcome === 'gap')).toBe(false);
      // A delta carries far less than the whole band: its largest is a fraction of the final band's bytes.
      const finalBand = JSON.stringify(ends[0].band).length;
      expect(Math.max(...early.progressBytes)).toBeLessThan(finalBand / 4);
    });

    it('persists the percent to the store while the run goes, apart from the fan-out (the run list reads it there)', () => {
      // The progress recorder writes it at most once a second: behind the live figure, never zero.
      expect(storedPercent).toBeGreaterThan(0);
      expect(storedPercent).toBeLessThan(100);
    });

    it('numbers the messages of the run strictly increasing, and no client applies one twice', () => {
      for (const w of [early, late, dropper, lossy]) {
        const applied = w.received.filter((r) => r.outcome === 'applied').map((r) => r.seq);
        expect(applied.length).toBeGreaterThan(1);
        for (let i = 1; i < applied.length; i++) expect(applied[i]).toBeGreaterThan(applied[i - 1]);
      }
      // The client that never dropped out received each number once, in order, and applied all.
      const seqs = early.received.map((r) => r.seq);
      expect(early.received.every((r) => r.outcome === 'applied')).toBe(true);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
    });

    it('catches a client up from the snapshot when it reconnects', () => {
      expect(dropper.snapshots.length).toBe(2);
      const [, again] = dropper.snapshots;
      expect(again.seq).toBeGreaterThan(seqBeforeDrop);
      expect(again.percent).toBeGreaterThanOrEqual(50);
      // It missed events while away: the second snapshot carried them.
      const missed = early.received.filter((r) => r.seq > seqBeforeDrop && r.seq < again.seq).length;
      expect(missed).toBeGreaterThan(0);
    });

    it('sends at most 10 messages per second per run with two worker processes running it', async () => {
      const result = await call<ResultDocument>(api.url, 'GET', `/api/runs/${runId}/result`);
      expect(new Set(result.body.execution.replications.map((r) => r.pid))).toEqual(
        new Set(workers.map((w) => w.pid)),
      );
      const events = early.received.filter((r) => r.cause !== 'snapshot');
      expect(events.length).toBeGreaterThan(10); // enough messages for the rate to mean something
      // As sent by the api (its clock) and as received here, in any 1-s window.
      expect(mostInWindow(early.sentAt)).toBeLessThanOrEqual(10);
      expect(mostInWindow(events.map((r) => r.arrivedAt))).toBeLessThanOrEqual(10);
      console.info(
        `live rate: ${events.length} events over ${((events[events.length - 1].arrivedAt - events[0].arrivedAt) / 1000).toFixed(1)} s; ` +
          `most in 1 s: ${mostInWindow(early.sentAt)} sent, ${mostInWindow(events.map((r) => r.arrivedAt))} received`,
      );
    });

    it('keeps every message within the bound (64 KiB by default), downsampling the half-way snapshot that would not fit', () => {
      const all = [early, late, dropper, lossy].flatMap((w) => w.packetBytes);
      expect(all.length).toBeGreaterThan(0);
      expect(Math.max(...all)).toBeLessThanOrEqual(SUITE_MESSAGE_BYTES);
      expect(Math.max(...all)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      const [lateSnapshot] = late.snapshots;
      expect(lateSnapshot.complete).toBe(false);
      expect(lateSnapshot.bandStride).toBeGreaterThan(1);
      const deltas = early.progressBytes;
      console.info(
        `live sizes: largest message ${Math.max(...all)} B; ${deltas.length} deltas, ${Math.round(deltas.reduce((a, b) => a + b, 0) / deltas.length)} B on average, largest ${Math.max(...deltas)} B; half-way snapshot kept every ${lateSnapshot.bandStride}th day`,
      );
    });

    it('shows the run in /metrics: runs by state, replication durations, and figures from both worker processes', async () => {
      const workerIds = workers.map((w) => w.lines.find((l) => l.msg === 'worker ready')?.workerId as string);
      let text = '';
      for (let tries = 0; tries < 40; tries++) {
        text = (await call<string>(api.url, 'GET', '/metrics')).text;
        const completedBy = workerIds.map((id) =>
          Number(
            new RegExp(`caretwin_worker_replications_completed_total\\{worker="${id}"\\} (\\d+)`).exec(
              text,
            )?.[1] ?? 0,
          ),
        );
        if (completedBy.every((n) => n > 0) && completedBy.reduce((a, b) => a + b, 0) >= 6) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(Number(/caretwin_runs\{state="completed"\} (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
      expect(
        Number(/caretwin_replication_duration_seconds_count (\d+)/.exec(text)?.[1]),
      ).toBeGreaterThanOrEqual(6);
      expect(Number(/caretwin_simulation_events_total (\d+)/.exec(text)?.[1])).toBeGreaterThan(0);
      expect(text).toMatch(/caretwin_queue_jobs\{state="waiting"\} \d+/);
      for (const id of workerIds) {
        expect(text).toContain(`caretwin_worker_up{worker="${id}"} 1`);
        expect(
          Number(
            new RegExp(`caretwin_worker_replications_completed_total\\{worker="${id}"\\} (\\d+)`).exec(
              text,
            )?.[1],
          ),
        ).toBeGreaterThan(0);
      }
      expect(
        Number(/caretwin_live_messages_total\{event="run.progress"\} (\d+)/.exec(text)?.[1]),
      ).toBeGreaterThan(0);
    });

    it('writes the run id on every log line about the run, in the api and in the workers', () => {
      for (const proc of [api, ...workers]) {
        const about = proc.lines.filter((l) => JSON.stringify(l).includes(runId));
        expect(about.length).toBeGreaterThan(0);
        expect(
          about.filter((l) => l.runId !== runId && !(Array.isArray(l.runIds) && l.runIds.includes(runId))),
        ).toEqual([]);
      }
    });
  });

  it('refuses a malformed subscription and an unknown run in the acknowledgement', async () => {
    const socket = connectSocket(api.url);
    try {
      const bad = (await socket
        .timeout(10_000)
        .emitWithAck('run.subscribe', { runId: 'not-a-run' })) as Ack<RunSnapshot>;
      expect('error' in bad && bad.error.code).toBe('REQUEST_INVALID');
      const unknown = (await socket
        .timeout(10_000)
        .emitWithAck('run.subscribe', { runId: randomUUID() })) as Ack<RunSnapshot>;
      expect('error' in unknown && unknown.error.code).toBe('NOT_FOUND');
    } finally {
      socket.close();
    }
  });

  it('ends the watchers of a cancelled run with run.cancelled and the reason', async () => {
    const posted = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: { scenario: { ...RUN.scenario, id: 'live-cancel', replications: 4 } },
    });
    const watcher = watch(posted.body.id);
    await watcher.when((s) => s.percent > 0);
    expect((await call(api.url, 'DELETE', `/api/runs/${posted.body.id}`)).status).toBe(200);
    const end = await watcher.finished;
    expect([end.state, end.reason]).toEqual(['cancelled', 'cancelled by request']);
    expect(watcher.received[watcher.received.length - 1]).toMatchObject({
      cause: 'run.cancelled',
      outcome: 'applied',
    });
  }, 120_000);

  it('keeps numbering a run upwards across an api restart, and the client catches up', async () => {
    const posted = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: { scenario: { ...RUN.scenario, id: 'live-restart', replications: 4, horizonDays: 200 } },
    });
    const watcher = watch(posted.body.id);
    await watcher.when((s) => s.percent > 5);
    const before = watcher.watch.state?.seq ?? 0;
    await api.stop();
    api = await startApiProcess(settings);
    const end = await watcher.finished;
    expect(end.state).toBe('completed');
    expect(watcher.snapshots.length).toBe(2);
    expect(watcher.snapshots[1].seq).toBeGreaterThan(before);
    const applied = watcher.received.filter((r) => r.outcome === 'applied').map((r) => r.seq);
    for (let i = 1; i < applied.length; i++) expect(applied[i]).toBeGreaterThan(applied[i - 1]);
  }, 180_000);

  it('serves an OpenAPI document at /api/docs listing the runs endpoints with the request schema', async () => {
    const page = await call(api.url, 'GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const doc = await call<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, unknown>; additionalProperties: boolean } }
              >;
            };
          }
        >
      >;
    }>(api.url, 'GET', '/api/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths['/api/runs']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths['/api/runs/{id}']).sort()).toEqual(['delete', 'get']);
    expect(doc.body.paths['/api/runs/{id}/result']).toBeDefined();
    const body = doc.body.paths['/api/runs'].post.requestBody?.content['application/json'].schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(
      expect.arrayContaining(['scenarioId', 'scenario', 'overrides', 'replications', 'seed', 'horizonDays']),
    );
    expect(body?.additionalProperties).toBe(false); // the zod schema is strict: the document says so
  });

  it('answers /health and names the app, model and data versions at /api/version', async () => {
    expect((await call(api.url, 'GET', '/health')).status).toBe(200);
    const version = await call<{
      app: { version: string };
      model: { version: string };
      data: Array<{ region: string; version: string }>;
      git: { commit: string | null };
    }>(api.url, 'GET', '/api/version');
    expect(version.status).toBe(200);
    expect(version.body.app.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(version.body.model.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(version.body.data.find((d) => d.region === 'miyagi')?.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(version.body.git.commit === null || /^[0-9a-f]{7,40}$/.test(version.body.git.commit)).toBe(true);
  });

  it('says 503 with the reason at /ready while its Redis is stopped, without hanging, and ready once it is back', async (ctx) => {
    if (!redis.owned || !redis.server || !redis.dir) return ctx.skip(); // never stop a Redis this suite did not start
    expect((await call(api.url, 'GET', '/ready')).status).toBe(200);
    const port = redis.server.port;
    await redis.server.stop();
    const away = await call<{
      status: string;
      checks: { redis: { ok: boolean; reason: string }; store: { ok: boolean } };
    }>(api.url, 'GET', '/ready');
    expect(away.status).toBe(503);
    expect(away.body.status).toBe('unavailable');
    expect(away.body.checks.redis.ok).toBe(false);
    expect(away.body.checks.redis.reason).toMatch(/Redis/);
    expect(away.body.checks.store.ok).toBe(true);
    // Other reads answer too (from the store; live figures left out).
    expect((await call(api.url, 'GET', '/metrics')).status).toBe(200);
    expect((await call(api.url, 'GET', '/api/runs')).status).toBe(200);

    redis.server = await startRedisServer({ dir: redis.dir, port });
    let status = 0;
    for (let tries = 0; tries < 100 && status !== 200; tries++) {
      status = (await call(api.url, 'GET', '/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  }, 60_000);
});
