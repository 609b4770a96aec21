// The service end to end: the built api and worker as real processes on a real Redis (its own
// redis-server, or REDIS_URL), each deployment with its own data dir and BullMQ prefix.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, runReplication } from '@caretwin/model';
import { ScenarioCatalog } from '@caretwin/scenario';
import { buildRunResult } from '../../libs/runner/src/result';
import { decideAfterRound, firstRound, planFor } from '../../libs/runner/src/rounds';
import { toRunInput } from '../../libs/runner/src/run-input';
import { ensureBuilt, ROOT } from './harness/build';
import type { RunView } from '@caretwin/contracts';
import { call, finished, waitForRun } from './harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
} from './harness/processes';
import { acquireRedis, keysUnder, type TestRedis } from './harness/redis';
import { startRedisServer } from '../../scripts/private-redis.mjs';

/** Short Miyagi runs: the baseline with a 30-day horizon after a 5-day warm-up. */
const SCENARIO = {
  id: 'svc-miyagi',
  extends: 'miyagi-2025-baseline',
  horizonDays: 30,
  warmupDays: 5,
  replications: 4,
  seed: 11,
};

interface ResultDocument {
  provenance: { scenario: { id: string }; seed: number; replications: number };
  replications: Array<{ replication: number }>;
  aggregate: { replications: number };
  execution: { runId: string; replications: Array<{ replication: number; pid: number; worker: string }> };
}

const withoutExecution = (doc: ResultDocument): Omit<ResultDocument, 'execution'> => {
  const { execution: _execution, ...rest } = doc;
  return rest;
};

async function runToCompletion(
  api: ApiProcess,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ id: string; run: RunView }> {
  const posted = await call<{ id: string; state: string }>(api.url, 'POST', '/api/runs', {
    json: body,
    headers,
  });
  expect(posted.status).toBe(202);
  const run = await waitForRun(api.url, posted.body.id, finished);
  return { id: posted.body.id, run };
}

describe('the CareTwin service (built api and workers, real Redis)', () => {
  let redis: TestRedis;
  const dirs: string[] = [];
  const processes: ServiceProcess[] = [];
  const prefixA = `ct-test-${randomUUID().slice(0, 8)}`;
  let prefixB = '';
  let api: ApiProcess;
  let worker1: ServiceProcess;
  let firstResult: ResultDocument;

  const tempDir = (label: string): string => {
    const dir = mkdtempSync(join(tmpdir(), `caretwin-${label}-`));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    const settings = {
      dataDir: tempDir('a'),
      redisUrl: redis.url,
      prefix: prefixA,
      extra: { PRECISION_ROUND_SIZE: '2' },
    };
    [api, worker1] = await Promise.all([startApiProcess(settings), startWorkerProcess(settings)]);
    processes.push(api, worker1);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await redis?.release([prefixA, ...(prefixB ? [prefixB] : [])]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('completes a Miyagi run whose result equals the model run in-process, outside `execution`', async () => {
    const { id, run } = await runToCompletion(api, { scenario: SCENARIO });
    expect(run.state).toBe('completed');
    expect(run.progress.percent).toBe(100);
    expect(run.history.map((h) => h.state)).toEqual(['queued', 'running', 'completed']);

    const reply = await call<ResultDocument>(api.url, 'GET', `/api/runs/${id}/result`);
    expect(reply.status).toBe(200);
    firstResult = reply.body;
    expect(firstResult.execution.runId).toBe(id);
    expect(firstResult.replications.map((r) => r.replication)).toEqual([0, 1, 2, 3]);

    // The same scenario and seed, resolved and run here with the model's own functions.
    const catalog = new ScenarioCatalog({
      shippedDir: join(ROOT, 'scenarios'),
      regionsDir: join(ROOT, 'scenarios', 'data'),
    });
    const resolved = catalog.resolve({ ...SCENARIO }, { file: '<request>' });
    const replications = [0, 1, 2, 3].map((i) => runReplication(resolved, i));
    const inProcess = buildRunResult(toRunInput(resolved), replications, {}, aggregate(replications));
    expect(withoutExecution(firstResult)).toEqual(
      JSON.parse(JSON.stringify(withoutExecution(inProcess as unknown as ResultDocument))),
    );
  }, 180_000);

  it('gives the same result with two worker processes, each of which ran at least one replication', async () => {
    const worker2 = await startWorkerProcess({
      dataDir: tempDir('a2'),
      redisUrl: redis.url,
      prefix: prefixA,
    });
    processes.push(worker2);
    const { id, run } = await runToCompletion(api, { scenario: SCENARIO });
    expect(run.state).toBe('completed');
    const second = (await call<ResultDocument>(api.url, 'GET', `/api/runs/${id}/result`)).body;
    expect(withoutExecution(second)).toEqual(withoutExecution(firstResult));
    const pids = new Set(second.execution.replications.map((r) => r.pid));
    expect(pids).toEqual(new Set([worker1.pid, worker2.pid]));
    await worker2.stop();

    // Same scenario, seed and replications: the comparison pairs them and finds no difference.
    const compared = await call<{
      comparison: { paired: boolean; kpis: Record<string, { difference: number }> };
    }>(api.url, 'GET', `/api/compare?a=${firstResult.execution.runId}&b=${id}`);
    expect(compared.status).toBe(200);
    expect(compared.body.comparison.paired).toBe(true);
    expect(Object.values(compared.body.comparison.kpis).every((k) => k.difference === 0)).toBe(true);

    const listed = await call<{ items: Array<{ id: string }>; total: number }>(
      api.url,
      'GET',
      '/api/runs?scenario=svc-miyagi&state=completed&limit=1',
    );
    expect(listed.body.total).toBe(2);
    expect(listed.body.items.map((r) => r.id)).toEqual([id]); // newest first, one per page
  }, 180_000);

  it('runs a precision run in rounds decided on the index-ordered prefix, as the same loop does in-process', async () => {
    const scenario = {
      ...SCENARIO,
      id: 'svc-precision',
      replications: 2,
      precision: { kpi: 'admissions', halfWidth: 1e-9, max: 4 },
    };
    const { id, run } = await runToCompletion(api, { scenario });
    expect(run.state).toBe('completed');
    const result = (
      await call<ResultDocument & { execution: { aggregate: { rounds: number } } }>(
        api.url,
        'GET',
        `/api/runs/${id}/result`,
      )
    ).body;
    expect(result.execution.aggregate.rounds).toBe(2);

    const catalog = new ScenarioCatalog({
      shippedDir: join(ROOT, 'scenarios'),
      regionsDir: join(ROOT, 'scenarios', 'data'),
    });
    const resolved = catalog.resolve({ ...scenario }, { file: '<request>' });
    const plan = planFor(resolved.scenario, 2);
    const results = firstRound(plan).map((i) => runReplication(resolved, i));
    for (
      let decision = decideAfterRound(plan, results);
      !decision.done;
      decision = decideAfterRound(plan, results)
    )
      results.push(...decision.next.map((i) => runReplication(resolved, i)));
    expect(results).toHaveLength(4);
    const inProcess = buildRunResult(toRunInput(resolved), results, {}, aggregate(results));
    expect(withoutExecution(result)).toEqual(
      JSON.parse(JSON.stringify(withoutExecution(inProcess as unknown as ResultDocument))),
    );
  }, 180_000);

  it('answers the same run for a repeated Idempotency-Key, and 422 when the key comes with another body', async () => {
    const key = `idem-${randomUUID()}`;
    const body = {
      scenarioId: 'miyagi-2025-baseline',
      replications: 1,
      horizonDays: 3,
      overrides: { warmupDays: 1 },
    };
    const first = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: body,
      headers: { 'Idempotency-Key': key },
    });
    const again = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: { ...body },
      headers: { 'Idempotency-Key': key },
    });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);

    const before = (await call<{ total: number }>(api.url, 'GET', '/api/runs')).body.total;
    const other = await call<{ code: string }>(api.url, 'POST', '/api/runs', {
      json: { ...body, seed: 99 },
      headers: { 'Idempotency-Key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await call<{ total: number }>(api.url, 'GET', '/api/runs')).body.total).toBe(before);
    await waitForRun(api.url, first.body.id, finished);
  }, 120_000);

  it('cancels a running run, keeps it as cancelled, and clears its jobs from Redis', async () => {
    const posted = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: {
        scenarioId: 'miyagi-2025-baseline',
        replications: 2,
        horizonDays: 365,
        overrides: { warmupDays: 30 },
      },
    });
    const id = posted.body.id;
    await waitForRun(
      api.url,
      id,
      (r) => r.state === 'running' && r.progress.replications.some((p) => p.day > 0),
    );
    const cancelled = await call<RunView>(api.url, 'DELETE', `/api/runs/${id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');

    await worker1.waitForLog(
      (l) =>
        l.runId === id &&
        (l.msg === 'replication stopped: run cancelled' || l.msg === 'replication finished'),
    );
    const deadline = Date.now() + 30_000;
    while ((await keysUnder(redis.url, prefixA)).some((k) => k.includes(`${id}_`)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect((await keysUnder(redis.url, prefixA)).filter((k) => k.includes(`${id}_`))).toEqual([]);

    const after = (await call<RunView>(api.url, 'GET', `/api/runs/${id}`)).body;
    expect(after.state).toBe('cancelled');
    expect(after.history.map((h) => h.state)).toEqual(['queued', 'running', 'cancelled']);
    const result = await call<{ code: string }>(api.url, 'GET', `/api/runs/${id}/result`);
    expect(result.status).toBe(409);
    expect(result.body.code).toBe('RUN_NOT_FINISHED');
  }, 120_000);

  it('refuses bad input with 400, 413 or 422 and the path of each problem, storing nothing', async () => {
    const before = (await call<{ total: number }>(api.url, 'GET', '/api/runs')).body.total;

    const unparseable = await call<{ code: string }>(api.url, 'POST', '/api/runs', {
      text: '{"scenarioId": ',
      contentType: 'application/json',
    });
    expect(unparseable.status).toBe(400);
    expect(unparseable.body.code).toBe('REQUEST_UNPARSEABLE');

    const yaml = await call<{ code: string; issues: Array<{ line: number | null }> }>(
      api.url,
      'POST',
      '/api/scenarios/validate',
      {
        text: 'region: miyagi\npolicies: [\n  - kind: setBeds\n',
      },
    );
    expect(yaml.status).toBe(400);
    expect(yaml.body.code).toBe('SCENARIO_UNPARSEABLE');
    expect(yaml.body.issues[0].line).toBeGreaterThan(0);

    const invalid = await call<{ code: string; issues: Array<{ path: string; message: string }> }>(
      api.url,
      'POST',
      '/api/runs',
      {
        json: {
          scenario: {
            region: 'miyagi',
            horizonDays: 0,
            policies: [{ kind: 'closeHospital', hospital: 'no-such-hospital' }],
          },
        },
      },
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('SCENARIO_INVALID');
    expect(invalid.body.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['horizonDays', 'policies[0].hospital']),
    );

    const request = await call<{ code: string; issues: Array<{ path: string }> }>(
      api.url,
      'POST',
      '/api/runs',
      {
        json: { scenarioId: 'miyagi-2025-baseline', replications: -1, colour: 'red' },
      },
    );
    expect(request.status).toBe(422);
    expect(request.body.issues.map((i) => i.path).sort()).toEqual(['colour', 'replications']);

    const tooLarge = await call<{ code: string }>(api.url, 'POST', '/api/runs', {
      json: { scenario: { description: { ja: 'x'.repeat(1_100_000), en: '' } } },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('REQUEST_TOO_LARGE');

    expect((await call<{ total: number }>(api.url, 'GET', '/api/runs')).body.total).toBe(before);
  }, 60_000);

  it('answers 404 in the one error body for unknown runs, scenarios and regions', async () => {
    const unknown = randomUUID();
    for (const [method, path] of [
      ['GET', `/api/runs/${unknown}`],
      ['GET', `/api/runs/${unknown}/result`],
      ['GET', `/api/runs/${unknown}/result.csv`],
      ['DELETE', `/api/runs/${unknown}`],
      ['GET', `/api/compare?a=${unknown}&b=${firstResult.execution.runId}`],
      ['GET', '/api/scenarios/no-such-scenario'],
      ['GET', '/api/regions/atlantis'],
    ] as const) {
      const reply = await call<{ code: string; message: string; issues: unknown[] }>(api.url, method, path);
      expect({ path, status: reply.status }).toEqual({ path, status: 404 });
      expect(Object.keys(reply.body).sort()).toEqual(['code', 'issues', 'message']);
    }
  }, 60_000);

  it('validates a scenario with its static need, and saves versions that runs can name', async () => {
    const valid = await call<{ valid: boolean; staticNeed: { prefecture: unknown[] } }>(
      api.url,
      'POST',
      '/api/scenarios/validate',
      { json: SCENARIO },
    );
    expect(valid.status).toBe(200);
    expect(valid.body.staticNeed.prefecture.length).toBeGreaterThan(0);

    const plan = { ...SCENARIO, id: `plan-${randomUUID().slice(0, 8)}` };
    const v1 = await call<{ id: string; version: number }>(api.url, 'POST', '/api/scenarios', { json: plan });
    const v2 = await call<{ id: string; version: number }>(api.url, 'POST', '/api/scenarios', {
      json: { ...plan, seed: 12 },
    });
    expect([v1.status, v1.body.version, v2.body.version]).toEqual([201, 1, 2]);
    const shown = await call<{ source: string; versions: unknown[]; scenario: { seed: number } }>(
      api.url,
      'GET',
      `/api/scenarios/${plan.id}`,
    );
    expect(shown.body.source).toBe('saved');
    expect(shown.body.versions).toHaveLength(2);
    expect(shown.body.scenario.seed).toBe(12);
    const listed = await call<{ items: Array<{ id: string }> }>(api.url, 'GET', '/api/scenarios');
    expect(listed.body.items.map((s) => s.id)).toContain(plan.id);

    const shipped = await call<{ code: string }>(api.url, 'POST', '/api/scenarios', {
      json: { ...SCENARIO, id: 'miyagi-surge' },
    });
    expect(shipped.status).toBe(422);
    const pinned = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: { scenarioId: `${plan.id}@1`, replications: 1, horizonDays: 2 },
    });
    expect(pinned.status).toBe(202);
    const run = await waitForRun(api.url, pinned.body.id, finished);
    expect(run.state).toBe('completed');
  }, 120_000);

  it('exports result tables as CSV in UTF-8 with a BOM, naming the synthetic and estimated inputs', async () => {
    const id = firstResult.execution.runId;
    const kpis = await call(api.url, 'GET', `/api/runs/${id}/result.csv?table=kpis`);
    expect(kpis.status).toBe(200);
    expect(kpis.headers.get('content-type')).toContain('text/csv');
    expect(kpis.text.charCodeAt(0)).toBe(0xfeff);
    expect(kpis.text).toMatch(/synthetic or estimated inputs: .*hospitals \(synthetic/);
    const occupancy = await call(api.url, 'GET', `/api/runs/${id}/result.csv?table=occupancy`);
    expect(occupancy.text).toContain('date,day,area,function,inUseMean');
    const region = await call<{
      hospitals: Array<{ provenance?: { synthetic?: boolean } }>;
      municipalities: Array<{ lat: number }>;
    }>(api.url, 'GET', '/api/regions/miyagi');
    expect(region.status).toBe(200);
    expect(region.body.hospitals.every((h) => h.provenance?.synthetic === true)).toBe(true);
    expect(region.body.municipalities[0].lat).toBeGreaterThan(37);
  }, 60_000);

  it('keeps two deployments with different data dirs on one Redis apart', async () => {
    const settingsB = { dataDir: tempDir('b'), redisUrl: redis.url }; // prefix derived from the data dir
    const [apiB, workerB] = await Promise.all([startApiProcess(settingsB), startWorkerProcess(settingsB)]);
    processes.push(apiB, workerB);
    prefixB = apiB.prefix;
    expect(prefixB).toMatch(/^caretwin-[0-9a-f]{12}$/);
    expect(prefixB).not.toBe(api.prefix);

    const body = {
      scenarioId: 'miyagi-2025-baseline',
      replications: 1,
      horizonDays: 3,
      overrides: { warmupDays: 1 },
    };
    const [onA, onB] = await Promise.all([runToCompletion(api, body), runToCompletion(apiB, body)]);
    expect([onA.run.state, onB.run.state]).toEqual(['completed', 'completed']);
    expect((await call(api.url, 'GET', `/api/runs/${onB.id}`)).status).toBe(404);
    expect((await call(apiB.url, 'GET', `/api/runs/${onA.id}`)).status).toBe(404);
    expect(workerB.lines.some((l) => l.runId === onA.id)).toBe(false);
    expect(worker1.lines.some((l) => l.runId === onB.id)).toBe(false);
    expect((await call<{ total: number }>(apiB.url, 'GET', '/api/runs')).body.total).toBe(1);
    await Promise.all([apiB.stop(), workerB.stop()]);
  }, 180_000);

  it('warns at start-up when Redis could lose queued work (this test Redis has no persistence)', async (ctx) => {
    if (!redis.owned) return ctx.skip(); // a shared Redis may well be configured right
    const warning = await api.waitForLog(
      (l) => typeof l.msg === 'string' && l.msg.includes('no persistence'),
    );
    expect(warning.level).toBe(40);
    expect(api.lines.some((l) => typeof l.msg === 'string' && l.msg.includes('maxmemory-policy'))).toBe(
      false,
    );
  });

  it('accepts runs while Redis is down, serves reads from the store, and runs them once Redis is back', async (ctx) => {
    if (!redis.owned || !redis.server || !redis.dir) return ctx.skip(); // never stop a Redis we did not start
    const port = redis.server.port;
    await redis.server.stop();
    const posted = await call<{ id: string; state: string }>(api.url, 'POST', '/api/runs', {
      json: {
        scenarioId: 'miyagi-2025-baseline',
        replications: 1,
        horizonDays: 2,
        overrides: { warmupDays: 1 },
      },
    });
    expect(posted.status).toBe(202);
    expect((await call<RunView>(api.url, 'GET', `/api/runs/${posted.body.id}`)).body.state).toBe('queued');
    redis.server = await startRedisServer({ dir: redis.dir, port });
    const run = await waitForRun(api.url, posted.body.id, finished);
    expect(run.state).toBe('completed');
  }, 180_000);
});
