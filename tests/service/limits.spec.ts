// The limits of issue 17 on the built service: rate limits that hold across two api instances
// sharing one Redis (429 RATE_LIMITED with Retry-After) and never touch /health, /ready,
// /metrics or the dashboard; the cost budget (422 naming budget and cost); the per-token cap
// (429) and the queue depth cap (503); retention (`caretwin store prune`) keeping a run's
// summary and answering 410 for its result; the store's size on /metrics.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, RunView } from '@caretwin/contracts';
import { RetentionRepository } from '@caretwin/store';
import { ensureBuilt, ROOT } from './harness/build';
import { call, finished, waitForRun } from './harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
} from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

/** Miyagi's baseline at 100 replications: about 279 million person-years, over a budget of 50. */
const COSTLY = { scenarioId: 'miyagi-2025-baseline', replications: 100 };
/** Refused by the request schema at once (the rate limit counts it first). */
const INVALID = { scenarioId: 'miyagi-2025-baseline', replications: -1 };
/** A run that costs little and finishes in seconds. */
const SMALL = {
  scenario: {
    id: 'limits-small',
    extends: 'miyagi-2025-baseline',
    horizonDays: 10,
    warmupDays: 2,
    replications: 2,
  },
};

const retryAfter = (reply: { headers: Headers }): number => Number(reply.headers.get('retry-after'));

describe('the limits of the service (built apis, real Redis)', () => {
  let redis: TestRedis;
  const dirs: string[] = [];
  const processes: ServiceProcess[] = [];
  const prefixA = `ct-lim-a-${randomUUID().slice(0, 8)}`;
  const prefixB = `ct-lim-b-${randomUUID().slice(0, 8)}`;
  let api1: ApiProcess;
  let api2: ApiProcess;
  let apiB: ApiProcess;
  let dataDirB = '';

  const tempDir = (label: string): string => {
    const dir = mkdtempSync(join(tmpdir(), `caretwin-limits-${label}-`));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    // Deployment A: two api instances on one data dir and one Redis, tight rate limits.
    const a = {
      dataDir: tempDir('a'),
      redisUrl: redis.url,
      prefix: prefixA,
      extra: {
        RATE_LIMIT_WINDOW_MS: '300000', // long: a loaded machine must not see a window end mid-test
        RATE_LIMIT_REQUESTS: '30',
        RATE_LIMIT_RUNS: '3',
        RATE_LIMIT_VALIDATIONS: '2',
        RATE_LIMIT_JOINS: '3',
        MAX_RUN_COST: '50',
      },
    };
    api1 = await startApiProcess(a); // one after the other: the first migrates the store
    processes.push(api1);
    api2 = await startApiProcess(a);
    processes.push(api2);
    // Deployment B: caps, budget and retention (rate limits as generous as by default).
    dataDirB = tempDir('b');
    apiB = await startApiProcess({
      dataDir: dataDirB,
      redisUrl: redis.url,
      prefix: prefixB,
      extra: {
        MAX_RUN_COST: '50',
        MAX_ACTIVE_RUNS_PER_TOKEN: '2',
        MAX_QUEUE_DEPTH: '3',
        LIMITS_RETRY_AFTER_S: '5',
      },
    });
    processes.push(apiB);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await redis?.release([prefixA, `${prefixA}-tokens`, prefixB]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('holds the run rate limit across two api instances: the fourth start in the window is 429 RATE_LIMITED with Retry-After', async () => {
    // Each start counts, refused or not: the limit is checked before the body is read (these are
    // invalid, so nothing is resolved or stored).
    for (const api of [api1, api2, api1]) {
      const reply = await call<ErrorBody>(api.url, 'POST', '/api/runs', { json: INVALID });
      expect(reply.status).toBe(422);
    }
    const limited = await call<ErrorBody>(api2.url, 'POST', '/api/runs', { json: INVALID });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: expect.any(String), issues: [] });
    expect(limited.body.message).toContain('at most 3 runs started (POST /api/runs) per 300 s per token');
    expect(retryAfter(limited)).toBeGreaterThanOrEqual(1);
    expect(retryAfter(limited)).toBeLessThanOrEqual(300);
    // the other instance refuses too: the window is in Redis
    expect((await call(api1.url, 'POST', '/api/runs', { json: INVALID })).status).toBe(429);
  });

  it('counts each token apart (AUTH_MODE=tokens): one token over its limit does not stop another', async () => {
    const dataDir = tempDir('tokens');
    const tokenFor = (name: string): string => {
      const created = spawnSync(
        process.execPath,
        [
          join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js'),
          'token',
          'create',
          '--role',
          'planner',
          '--name',
          name,
          '--data-dir',
          dataDir,
        ],
        { encoding: 'utf8' },
      );
      expect(created.status, created.stderr).toBe(0);
      return /ct_[A-Za-z0-9_-]+/.exec(created.stdout)?.[0] ?? '';
    };
    const [a, b] = [tokenFor('ward-a'), tokenFor('ward-b')];
    const api = await startApiProcess({
      dataDir,
      redisUrl: redis.url,
      prefix: `${prefixA}-tokens`,
      extra: { AUTH_MODE: 'tokens', RATE_LIMIT_RUNS: '1', RATE_LIMIT_WINDOW_MS: '300000' },
    });
    processes.push(api);
    const post = (token: string) =>
      call(api.url, 'POST', '/api/runs', { json: INVALID, headers: { authorization: `Bearer ${token}` } });
    expect((await post(a)).status).toBe(422);
    expect((await post(a)).status).toBe(429);
    expect((await post(b)).status).toBe(422); // b has its own window
    expect((await post(b)).status).toBe(429);
  }, 180_000);

  it('limits validations apart from runs', async () => {
    const body = { json: { extends: 'miyagi-2025-baseline', id: 'v' } };
    expect((await call(api2.url, 'POST', '/api/scenarios/validate', body)).status).toBe(200);
    expect((await call(api1.url, 'POST', '/api/scenarios/validate', body)).status).toBe(200);
    const limited = await call<ErrorBody>(api2.url, 'POST', '/api/scenarios/validate', body);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.message).toContain('validations');
    expect(retryAfter(limited)).toBeGreaterThanOrEqual(1);
  });

  it('limits workshop joins per client address, wrong codes included, so a join code is not guessed at the request rate', async () => {
    // the join page's lookup and the join itself count together, across both instances
    expect((await call(api1.url, 'GET', '/api/workshops/join/ZZZZZZ')).status).toBe(404);
    expect(
      (await call(api2.url, 'POST', '/api/workshops/join', { json: { code: 'ZZZZZY', name: 'guess' } }))
        .status,
    ).toBe(404);
    expect((await call(api1.url, 'GET', '/api/workshops/join/ZZZZZX')).status).toBe(404);
    const limited = await call<ErrorBody>(api2.url, 'GET', '/api/workshops/join/ZZZZZW');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.message).toContain(
      'at most 3 workshop join lookups and joins (/api/workshops/join) per 300 s per client address',
    );
    expect(retryAfter(limited)).toBeGreaterThanOrEqual(1);
    // the address's other requests are not under the join limit
    expect((await call(api1.url, 'GET', '/api/version')).status).toBe(200);
  });

  it('limits the rest of /api per token, and never /health, /ready, /metrics or the dashboard', async () => {
    const version = await call(api2.url, 'GET', '/api/version');
    expect(version.status).toBe(200);
    expect(Number(version.headers.get('x-ratelimit-limit'))).toBe(30);
    let status = 200;
    let calls = 1;
    while (status === 200 && calls <= 31) {
      status = (await call(calls % 2 ? api1.url : api2.url, 'GET', '/api/version')).status;
      calls++;
    }
    expect(status).toBe(429);
    expect(calls).toBeLessThanOrEqual(31); // at most 30 in a window, then the refusal
    // while this token is refused on /api, the probes and the dashboard answer, many times over
    for (let i = 0; i < 40; i++) expect((await call(api1.url, 'GET', '/health')).status).toBe(200);
    for (const path of ['/ready', '/metrics', '/'])
      expect((await call(api2.url, 'GET', path)).status).not.toBe(429);
  }, 120_000);

  it('refuses a run over the cost budget with 422 RUN_TOO_COSTLY naming the budget and its cost', async () => {
    const reply = await call<ErrorBody>(apiB.url, 'POST', '/api/runs', { json: COSTLY });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('RUN_TOO_COSTLY');
    expect(reply.body.message).toMatch(
      /this run costs 27\d million person-years \(100 replications × 455 simulated days/,
    );
    expect(reply.body.message).toContain('more than the budget of 50 per run (MAX_RUN_COST)');
    expect(reply.body.issues).toEqual([expect.objectContaining({ path: 'replications' })]);
  });

  it('keeps a pruned run’s summary and provenance, answers 410 for its result, and shows the store’s size on /metrics', async () => {
    const worker = await startWorkerProcess({ dataDir: dataDirB, redisUrl: redis.url, prefix: prefixB });
    processes.push(worker);
    const posted = await call<{ id: string }>(apiB.url, 'POST', '/api/runs', { json: SMALL });
    expect(posted.status).toBe(202);
    const id = posted.body.id;
    const done = await waitForRun(apiB.url, id, finished);
    expect(done.state).toBe('completed');
    await worker.stop();
    const before = await call<{ aggregate: { kpis: Record<string, unknown> } }>(
      apiB.url,
      'GET',
      `/api/runs/${id}/result`,
    );
    expect(before.status).toBe(200);

    const db = new Database(join(dataDirB, 'caretwin.sqlite'));
    const bytesOf = (): number =>
      db
        .prepare(
          `SELECT (SELECT COALESCE(SUM(length(result) + length(execution)), 0) FROM replication_results WHERE run_id = @id)
                + (SELECT COALESCE(SUM(length(aggregate) + length(execution)), 0) FROM run_results WHERE run_id = @id)
                + (SELECT length(request) + length(input) + length(plan) FROM runs WHERE id = @id)`,
        )
        .pluck()
        .get({ id }) as number;
    const runRow = (): unknown => db.prepare('SELECT * FROM runs WHERE id = ?').get(id);
    const rowBefore = runRow() as Record<string, unknown>;
    const storedBefore = bytesOf();

    const cli = spawnSync(
      process.execPath,
      [
        join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js'),
        'store',
        'prune',
        '--data-dir',
        dataDirB,
        '--older-than',
        '0d',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ runs: 1, replications: 2 });
    const storedAfter = bytesOf();
    const { pruned_at: prunedAt, input: _input, ...rowAfter } = runRow() as Record<string, unknown>;
    const restored = new RetentionRepository(db).restoredInput(id);
    db.close();
    const { pruned_at: _none, input: inputBefore, ...rowBeforeRest } = rowBefore;
    expect(rowAfter).toEqual(rowBeforeRest); // request, state, seed, owner, timings: unchanged
    expect(restored).toBe(inputBefore); // the provenance, its region shared with other pruned runs
    expect(prunedAt).toEqual(expect.any(String));
    console.log(
      `stored bytes of one small run (2 replications × 12 days of Miyagi): ${storedBefore} before pruning, ${storedAfter} after (its region, once per data version, apart)`,
    );
    expect(storedAfter).toBeLessThan(storedBefore);

    const view = await call<RunView>(apiB.url, 'GET', `/api/runs/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.state).toBe('completed');
    expect(view.body.pruned?.at).toBe(prunedAt);
    expect(view.body.pruned?.kpis).toEqual(before.body.aggregate.kpis);
    expect(view.body.links.result).toBeNull();
    const gone = await call<ErrorBody>(apiB.url, 'GET', `/api/runs/${id}/result`);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('RUN_PRUNED');
    expect((await call(apiB.url, 'GET', `/api/runs/${id}/result.csv?table=kpis`)).status).toBe(410);

    const metrics = await call<string>(apiB.url, 'GET', '/metrics');
    const size = /^caretwin_store_bytes (\d+)$/m.exec(metrics.text);
    expect(Number(size?.[1])).toBeGreaterThan(storedAfter);
  });

  it('caps queued + running runs per token (429 TOO_MANY_ACTIVE_RUNS) and in all (503 QUEUE_FULL), with Retry-After', async () => {
    // no worker now: accepted runs stay queued
    const first = await call<{ id: string }>(apiB.url, 'POST', '/api/runs', { json: SMALL });
    const second = await call<{ id: string }>(apiB.url, 'POST', '/api/runs', { json: SMALL });
    expect([first.status, second.status]).toEqual([202, 202]);
    const capped = await call<ErrorBody>(apiB.url, 'POST', '/api/runs', { json: SMALL });
    expect(capped.status).toBe(429);
    expect(capped.body.code).toBe('TOO_MANY_ACTIVE_RUNS');
    expect(capped.body.message).toContain('MAX_ACTIVE_RUNS_PER_TOKEN 2');
    expect(retryAfter(capped)).toBe(5);

    // One of ours cancelled; two of another token's queued (written as the api would): 3 in all.
    expect((await call(apiB.url, 'DELETE', `/api/runs/${first.body.id}`)).status).toBe(200);
    const db = new Database(join(dataDirB, 'caretwin.sqlite'));
    for (let n = 0; n < 2; n++)
      db.prepare(
        `INSERT INTO runs (id, scenario_id, region_id, state, request, input, input_key, plan, seed, replications_planned,
           replications_max, created_at, updated_at, owner, queue_synced)
         SELECT ?, scenario_id, region_id, 'queued', request, input, input_key, plan, seed, replications_planned,
           replications_max, created_at, updated_at, 'another-token', 1 FROM runs WHERE id = ?`,
      ).run(randomUUID(), second.body.id);
    db.close();
    const full = await call<ErrorBody>(apiB.url, 'POST', '/api/runs', { json: SMALL });
    expect(full.status).toBe(503);
    expect(full.body).toEqual({
      code: 'QUEUE_FULL',
      message: expect.stringContaining('MAX_QUEUE_DEPTH 3'),
      issues: [],
    });
    expect(retryAfter(full)).toBe(5);
  });
});
