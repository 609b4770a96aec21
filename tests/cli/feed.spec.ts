// `caretwin feed` and `caretwin backtest` against the built api (AUTH_MODE=tokens, a private
// redis-server, no worker: forecasts only queue): a planner's feed lands as synthetic reports
// that GET /api/census/latest shows; FHIR too, paced by --speed; refusals are shown with the
// api's body and what to do (401, 403, 422, the api down); the backtest reads the fed history
// from the store and prints its tables and JSON.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@caretwin/census';
import type { CensusLatest } from '@caretwin/contracts';
import { call } from '../service/harness/http';
import { startApiProcess, type ApiProcess } from '../service/harness/processes';
import { acquireRedis, type TestRedis } from '../service/harness/redis';
import { BIN, ROOT, caretwin, ensureBuilt } from './support';

const run = promisify(execFile);

/** A week ago in Japan: the fed history ends there, so a later --last-date stays in the past. */
const LAST = addDays(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10), -7);

async function token(dataDir: string, role: string, name: string, hospitals: string[] = []): Promise<string> {
  const args = [BIN, 'token', 'create', '--role', role, '--name', name, '--data-dir', dataDir];
  if (hospitals.length > 0) args.push('--hospital', ...hospitals);
  const { stdout } = await run(process.execPath, args, { cwd: ROOT });
  return stdout.trim();
}

describe('caretwin feed and backtest against the api', () => {
  let redis: TestRedis;
  let dataDir: string;
  let api: ApiProcess;
  let planner = '';
  let reporter = '';
  let viewer = '';

  const feed = (args: string[], secret?: string) =>
    caretwin(
      ['feed', '--url', api.url, '--no-progress', ...(secret ? ['--token', secret] : []), ...args],
      dataDir,
    );

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-feed-'));
    planner = await token(dataDir, 'planner', 'feeder');
    reporter = await token(dataDir, 'reporter', 'one-hospital', ['sennan-core']);
    viewer = await token(dataDir, 'viewer', 'reader');
    api = await startApiProcess({
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-feed-${randomUUID().slice(0, 8)}`,
      extra: { AUTH_MODE: 'tokens' },
    });
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    await redis?.release([]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts a synthetic history day by day (--speed max) that GET /api/census/latest then shows', async () => {
    const out = await feed(['--days', '24', '--speed', 'max', '--last-date', LAST, '--json'], planner);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      regionId: 'miyagi',
      synthetic: true,
      days: 24,
      from: addDays(LAST, -23),
      to: LAST,
      format: 'csv',
    });
    const latest = await call<CensusLatest>(api.url, 'GET', '/api/census/latest', {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(latest.status).toBe(200);
    expect(latest.body.asOf).toBe(LAST);
    expect(latest.body.missing).toEqual([]);
    expect(latest.body.reports.length).toBe((summary.reports as number) / 24);
    expect(latest.body.reports.every((r) => r.synthetic && r.date === LAST && r.reporter === 'feeder')).toBe(
      true,
    );
    expect(latest.body.reports.every((r) => r.occupied <= r.beds && r.admissions !== null)).toBe(true);
  }, 240_000);

  it('posts FHIR MeasureReports too, one day per request at the pace --speed asks', async () => {
    const started = Date.now();
    const out = await feed(
      ['--days', '3', '--format', 'fhir', '--speed', '1d/1s', '--last-date', addDays(LAST, 3)],
      planner,
    );
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/posted 3 days of synthetic reports/);
    // three days, a second apart: at least two seconds between the first request and the last
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const series = await call<{ points: Array<{ date: string }> }>(
      api.url,
      'GET',
      `/api/census?from=${addDays(LAST, 1)}&to=${addDays(LAST, 3)}`,
      { headers: { authorization: `Bearer ${viewer}` } },
    );
    expect(new Set(series.body.points.map((p) => p.date))).toEqual(
      new Set([addDays(LAST, 1), addDays(LAST, 2), addDays(LAST, 3)]),
    );
  }, 240_000);

  it('says what to do when the api refuses: no token (401), a reporter of one hospital (403), a day in the future (422)', async () => {
    const none = await feed(['--days', '1']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/401/);
    expect(none.stderr).toMatch(/--token or set CARETWIN_TOKEN/);

    const scoped = await feed(['--days', '1', '--last-date', LAST], reporter);
    expect(scoped.code).toBe(1);
    expect(scoped.stderr).toMatch(/403/);
    expect(scoped.stderr).toMatch(/may not report for hospital/);

    const future = await feed(['--days', '1', '--last-date', addDays(LAST, 30)], planner);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/refused: 422/);
    expect(future.stderr).toMatch(/date/);
  }, 240_000);

  it('feeds in tokens mode with a reporter token for every hospital of the region (token create --all-hospitals)', async () => {
    const created = await caretwin(
      [
        'token',
        'create',
        '--role',
        'reporter',
        '--name',
        'region-feed',
        '--all-hospitals',
        '--json',
        '--data-dir',
        dataDir,
      ],
      dataDir,
    );
    expect(created.code, created.stderr).toBe(0);
    const made = JSON.parse(created.stdout) as { token: string; hospitals: string[] };
    expect(made.hospitals).toHaveLength(84);
    const out = await feed(['--days', '2', '--speed', 'max', '--last-date', addDays(LAST, -30)], made.token);
    expect(out.code, out.stderr).toBe(0);
    const series = await call<{ points: Array<{ date: string; reported: number; expected: number }> }>(
      api.url,
      'GET',
      `/api/census?from=${addDays(LAST, -30)}&to=${addDays(LAST, -30)}`,
      { headers: { authorization: `Bearer ${viewer}` } },
    );
    expect(series.body.points.length).toBeGreaterThan(0);
    expect(series.body.points.every((p) => p.reported === p.expected)).toBe(true);
  }, 240_000);

  it('refuses a reporter token for a hospital the region does not have, naming it, and hospitals on another role', async () => {
    const unknown = await caretwin(
      [
        'token',
        'create',
        '--role',
        'reporter',
        '--name',
        'nowhere',
        '--hospital',
        'sennan-core',
        'atlantis-general',
        '--data-dir',
        dataDir,
      ],
      dataDir,
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/atlantis-general is not a hospital of the census region miyagi/);
    expect(unknown.stderr).toMatch(/--all-hospitals/);
    const byCode = await caretwin(
      [
        'token',
        'create',
        '--role',
        'reporter',
        '--name',
        'by-code',
        '--hospital',
        '0410100010',
        '--data-dir',
        dataDir,
      ],
      dataDir,
    );
    expect(byCode.code, byCode.stderr).toBe(0);
    const viewerWithHospitals = await caretwin(
      ['token', 'create', '--role', 'viewer', '--name', 'odd', '--all-hospitals', '--data-dir', dataDir],
      dataDir,
    );
    expect(viewerWithHospitals.code).not.toBe(0);
    expect(viewerWithHospitals.stderr).toMatch(/for --role reporter/);
    // nothing was stored for the refused ones
    const list = await caretwin(['token', 'list', '--json', '--data-dir', dataDir], dataDir);
    const names = (JSON.parse(list.stdout) as Array<{ name: string }>).map((t) => t.name);
    expect(names).toContain('by-code');
    expect(names).not.toContain('nowhere');
    expect(names).not.toContain('odd');
  }, 120_000);

  it('says so when no api answers at --url', async () => {
    const out = await caretwin(['feed', '--url', 'http://127.0.0.1:1', '--days', '1'], dataDir);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/no CareTwin api answers at http:\/\/127\.0\.0\.1:1/);
  }, 60_000);

  it('backtests the fed history from the store: the per-horizon table, and the same as JSON', async () => {
    // origins 17 and 14 days before the fed history's end (the FHIR days after it come from another run)
    const args = [
      'backtest',
      '--data-dir',
      dataDir,
      '--from',
      addDays(LAST, -17),
      '--to',
      addDays(LAST, -14),
      '--every',
      '3',
      '-r',
      '3',
      '--workers',
      '1',
      '--no-progress',
    ];
    const table = await caretwin(args, dataDir);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Backtest of miyagi-2025-baseline: 2 origins/);
    expect(table.stdout).toMatch(
      /horizon \(days\)\s+bias\s+MAE\s+MAPE\s+80 % cover\s+95 % cover\s+persist\. MAE/,
    );
    expect(table.stdout).toMatch(/^14 /m);
    expect(table.stdout).toMatch(/^sendai\s+acute /m);

    const json = await caretwin([...args, '--json'], dataDir);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as {
      origins: string[];
      horizons: Array<{ horizon: number; model: { coverage80: number; mae: number } }>;
      cells: unknown[];
      overall: { model: { mae: number } };
    };
    expect(report.origins).toEqual([addDays(LAST, -17), addDays(LAST, -14)]);
    expect(report.horizons.map((h) => h.horizon)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(report.cells).toHaveLength(16);
    // the same seed and history: the table's figures
    expect(table.stdout).toMatch(
      new RegExp(`^all\\s+[-+]?\\d+\\.\\d\\s+${report.overall.model.mae.toFixed(1)}\\s`, 'm'),
    );
  }, 300_000);
});
