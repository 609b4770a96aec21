// Access (issue 17) on the built api with AUTH_MODE=tokens and a private redis-server: every
// route and the socket's run.subscribe × {no, wrong, expired, revoked token} × each role; the
// `caretwin token` commands on the deployment's DATA_DIR while the api runs; 415 for bodies that
// are not JSON or YAML; 403 for writes and sockets from a foreign Origin; AUTH_MODE=open refused
// on a non-loopback HOST. No worker: runs stay queued, which is all access needs.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokensRepository, openDatabase } from '@caretwin/store';
import { ensureBuilt, ROOT } from './harness/build';
import { call, type Reply } from './harness/http';
import { startApiProcess, type ApiProcess } from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

const run = promisify(execFile);
const CLI = join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js');
const ROLES = ['viewer', 'planner', 'admin', 'reporter'] as const;
type Role = (typeof ROLES)[number];
const BAD = ['none', 'wrong', 'expired', 'revoked'] as const;
type Bad = (typeof BAD)[number];

const SCENARIO = {
  id: 'acc-plan',
  extends: 'miyagi-2025-baseline',
  horizonDays: 5,
  warmupDays: 1,
  replications: 1,
};
const RUN = { scenarioId: 'miyagi-2025-baseline', horizonDays: 5, replications: 1 };

function cli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describe('access to the api (AUTH_MODE=tokens)', () => {
  let redis: TestRedis;
  let dataDir: string;
  let api: ApiProcess;
  const token: Record<Role | 'planner2', string> = {
    viewer: '',
    planner: '',
    admin: '',
    reporter: '',
    planner2: '',
  };
  const bad: Record<Bad, string | undefined> = {
    none: undefined,
    wrong: 'ct_wrong',
    expired: '',
    revoked: '',
  };
  /** a queued run of the admin, and one of the planner */
  let adminRun = '';
  let plannerRun = '';

  const as = (secret: string | undefined): Record<string, string> =>
    secret === undefined ? {} : { authorization: `Bearer ${secret}` };

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-access-'));
    for (const role of ROLES) {
      const created = await cli(['token', 'create', '--role', role, '--name', role, '--data-dir', dataDir]);
      expect(created.code, created.stderr).toBe(0);
      token[role] = created.stdout.trim();
    }
    token.planner2 = (
      await cli(['token', 'create', '--role', 'planner', '--name', 'planner2', '--data-dir', dataDir])
    ).stdout.trim();
    bad.revoked = (
      await cli(['token', 'create', '--role', 'admin', '--name', 'gone', '--data-dir', dataDir])
    ).stdout.trim();
    expect((await cli(['token', 'revoke', 'gone', '--data-dir', dataDir])).code).toBe(0);
    // An expired token: the store's own repository with an expiry in the past (no waiting).
    const db = openDatabase(dataDir);
    bad.expired = new TokensRepository(db).create({
      name: 'old',
      role: 'admin',
      at: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
    }).secret;
    db.close();

    api = await startApiProcess({
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-access-${randomUUID().slice(0, 8)}`,
      extra: { AUTH_MODE: 'tokens', ALLOWED_ORIGINS: 'https://twin.example.jp' },
    });
    const a = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: RUN,
      headers: as(token.admin),
    });
    const p = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: RUN,
      headers: as(token.planner),
    });
    expect([a.status, p.status]).toEqual([202, 202]);
    adminRun = a.body.id;
    plannerRun = p.body.id;
  }, 300_000); // a build when sources changed, seven CLI processes and the api on a busy machine

  afterAll(async () => {
    await api?.stop();
    await redis?.release([]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every route; `roles` may call it and then get `ok` (a queued run has no result yet: 409). */
  const routes = (): Array<{
    name: string;
    send: (headers: Record<string, string>) => Promise<Reply>;
    roles: readonly Role[];
    ok: number;
  }> => {
    const get = (path: string) => (headers: Record<string, string>) =>
      call(api.url, 'GET', path, { headers });
    const readers = ['viewer', 'planner', 'admin'] as const;
    return [
      { name: 'GET /api/runs', send: get('/api/runs'), roles: readers, ok: 200 },
      { name: 'GET /api/runs/:id', send: get(`/api/runs/${adminRun}`), roles: readers, ok: 200 },
      {
        name: 'GET /api/runs/:id/result',
        send: get(`/api/runs/${adminRun}/result`),
        roles: readers,
        ok: 409,
      },
      {
        name: 'GET /api/runs/:id/result.csv',
        send: get(`/api/runs/${adminRun}/result.csv?table=kpis`),
        roles: readers,
        ok: 409,
      },
      {
        name: 'GET /api/runs/:id/report',
        send: get(`/api/runs/${adminRun}/report`),
        roles: readers,
        ok: 409,
      },
      {
        name: 'GET /api/compare',
        send: get(`/api/compare?a=${adminRun}&b=${plannerRun}`),
        roles: readers,
        ok: 409,
      },
      { name: 'GET /api/scenarios', send: get('/api/scenarios'), roles: readers, ok: 200 },
      {
        name: 'GET /api/scenarios/:id',
        send: get('/api/scenarios/miyagi-2025-baseline'),
        roles: readers,
        ok: 200,
      },
      { name: 'GET /api/regions', send: get('/api/regions'), roles: readers, ok: 200 },
      { name: 'GET /api/regions/:id', send: get('/api/regions/miyagi'), roles: readers, ok: 200 },
      {
        name: 'GET /api/regions/:id/boundaries',
        send: get('/api/regions/miyagi/boundaries'),
        roles: readers,
        ok: 200,
      },
      {
        name: 'POST /api/scenarios/validate',
        send: (headers) => call(api.url, 'POST', '/api/scenarios/validate', { json: SCENARIO, headers }),
        roles: readers,
        ok: 200,
      },
      {
        name: 'POST /api/scenarios',
        send: (headers) =>
          call(api.url, 'POST', '/api/scenarios', {
            json: { ...SCENARIO, id: `acc-${randomUUID().slice(0, 8)}` },
            headers,
          }),
        roles: ['planner', 'admin'],
        ok: 201,
      },
      {
        name: 'POST /api/runs',
        send: (headers) => call(api.url, 'POST', '/api/runs', { json: RUN, headers }),
        roles: ['planner', 'admin'],
        ok: 202,
      },
      // the planner's own run: planner and admin may cancel it (a second cancel answers the same)
      {
        name: 'DELETE /api/runs/:id',
        send: (headers) => call(api.url, 'DELETE', `/api/runs/${plannerRun}`, { headers }),
        roles: ['planner', 'admin'],
        ok: 200,
      },
      // an unknown run: only an admin gets as far as the 404
      {
        name: 'DELETE /api/runs/:id/record',
        send: (headers) => call(api.url, 'DELETE', `/api/runs/${randomUUID()}/record`, { headers }),
        roles: ['admin'],
        ok: 404,
      },
      { name: 'GET /api/audit', send: get('/api/audit'), roles: ['admin'], ok: 200 },
    ];
  };

  it('answers 401 UNAUTHORIZED with the error body to no, a wrong, an expired and a revoked token on every route', async () => {
    for (const route of routes())
      for (const kind of BAD) {
        const reply = await route.send(as(bad[kind]));
        expect({ route: route.name, kind, status: reply.status }).toEqual({
          route: route.name,
          kind,
          status: 401,
        });
        expect(reply.body).toMatchObject({ code: 'UNAUTHORIZED', issues: [] });
        expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
  });

  it('lets each role do what it may and answers 403 FORBIDDEN to the rest', async () => {
    for (const route of routes())
      for (const role of ROLES) {
        const reply = await route.send(as(token[role]));
        const expected = route.roles.includes(role) ? route.ok : 403;
        expect({ route: route.name, role, status: reply.status }).toEqual({
          route: route.name,
          role,
          status: expected,
        });
        if (expected === 403) expect(reply.body).toMatchObject({ code: 'FORBIDDEN' });
      }
  });

  it('keeps health, readiness, metrics, version and the OpenAPI document open', async () => {
    for (const path of ['/health', '/metrics', '/api/version', '/api/docs/openapi.json']) {
      const reply = await call(api.url, 'GET', path);
      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
    }
    expect([200, 503]).toContain((await call(api.url, 'GET', '/ready')).status);
  });

  it('tells the dashboard how it is protected and who the token is (GET /api/session)', async () => {
    expect((await call(api.url, 'GET', '/api/session')).body).toEqual({
      authMode: 'tokens',
      role: null,
      name: null,
    });
    expect((await call(api.url, 'GET', '/api/session', { headers: as(token.planner) })).body).toEqual({
      authMode: 'tokens',
      role: 'planner',
      name: 'planner',
    });
    expect((await call(api.url, 'GET', '/api/session', { headers: as(bad.revoked) })).status).toBe(401);
  });

  it("lets a planner cancel only its own runs, and only an admin delete a finished run's record", async () => {
    const own = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: RUN,
      headers: as(token.planner2),
    });
    expect(
      (await call(api.url, 'DELETE', `/api/runs/${own.body.id}`, { headers: as(token.planner) })).status,
    ).toBe(403);
    expect(
      (await call(api.url, 'DELETE', `/api/runs/${adminRun}`, { headers: as(token.planner) })).status,
    ).toBe(403);
    const cancelled = await call<{ state: string }>(api.url, 'DELETE', `/api/runs/${own.body.id}`, {
      headers: as(token.planner2),
    });
    expect(cancelled.body.state).toBe('cancelled');
    // an active run's record cannot be deleted; a finished one can, and is gone
    const active = await call<{ id: string }>(api.url, 'POST', '/api/runs', {
      json: RUN,
      headers: as(token.admin),
    });
    expect(
      (await call(api.url, 'DELETE', `/api/runs/${active.body.id}/record`, { headers: as(token.admin) }))
        .body,
    ).toMatchObject({
      code: 'RUN_ACTIVE',
    });
    expect(
      (await call(api.url, 'DELETE', `/api/runs/${own.body.id}/record`, { headers: as(token.planner2) }))
        .status,
    ).toBe(403);
    expect(
      (await call(api.url, 'DELETE', `/api/runs/${own.body.id}/record`, { headers: as(token.admin) })).status,
    ).toBe(200);
    expect(
      (await call(api.url, 'GET', `/api/runs/${own.body.id}`, { headers: as(token.admin) })).status,
    ).toBe(404);
  });

  it('lets a planner add versions only to the scenario ids it saved first', async () => {
    const id = `acc-own-${randomUUID().slice(0, 8)}`;
    expect(
      (
        await call(api.url, 'POST', '/api/scenarios', {
          json: { ...SCENARIO, id },
          headers: as(token.planner),
        })
      ).status,
    ).toBe(201);
    const other = await call(api.url, 'POST', '/api/scenarios', {
      json: { ...SCENARIO, id },
      headers: as(token.planner2),
    });
    expect(other.status).toBe(403);
    expect(
      (await call(api.url, 'POST', '/api/scenarios', { json: { ...SCENARIO, id }, headers: as(token.admin) }))
        .status,
    ).toBe(201);
  });

  it('records every write in the audit log: who, what, on what, with what answer', async () => {
    const audit = await call<{ items: Array<Record<string, unknown>> }>(
      api.url,
      'GET',
      '/api/audit?limit=1000',
      {
        headers: as(token.admin),
      },
    );
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorName: 'planner',
          role: 'planner',
          action: 'POST /api/runs',
          target: plannerRun,
          status: 202,
        }),
        expect.objectContaining({ actorName: 'viewer', action: 'POST /api/runs', status: 403 }),
        expect.objectContaining({ action: 'token.revoke', target: 'gone', status: null }),
      ]),
    );
  });

  it('refuses bodies that are neither application/json nor application/yaml with 415', async () => {
    const yaml = 'id: acc-yaml\nextends: miyagi-2025-baseline\nhorizonDays: 5\n';
    for (const type of [
      'text/plain',
      'text/yaml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const reply = await call(api.url, 'POST', '/api/scenarios/validate', {
        text: yaml,
        contentType: type,
        headers: as(token.admin),
      });
      expect({ type, status: reply.status }).toEqual({ type, status: 415 });
      expect(reply.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', issues: [] });
    }
    const ok = await call(api.url, 'POST', '/api/scenarios/validate', {
      text: yaml,
      contentType: 'application/yaml',
      headers: as(token.admin),
    });
    expect(ok.status).toBe(200);
  });

  it("refuses writes from an Origin that is neither the api's nor in ALLOWED_ORIGINS with 403", async () => {
    const write = (origin: string) =>
      call(api.url, 'POST', '/api/scenarios/validate', {
        json: SCENARIO,
        headers: { ...as(token.admin), origin },
      });
    const evil = await write('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await write('https://twin.example.jp')).status).toBe(200);
    expect((await write(api.url)).status).toBe(200);
    // reads are not writes
    expect(
      (
        await call(api.url, 'GET', '/api/runs', {
          headers: { ...as(token.viewer), origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(200);
  });

  describe('socket.io', () => {
    const open: Socket[] = [];
    afterAll(() => open.forEach((s) => s.disconnect()));

    const connect = (auth: Record<string, string>, origin?: string): Promise<Socket | { code: string }> =>
      new Promise((resolve) => {
        const socket = io(api.url, {
          auth,
          reconnection: false,
          transports: ['polling'],
          ...(origin ? { extraHeaders: { origin } } : {}),
        });
        open.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error: Error & { data?: { code: string } }) =>
          resolve({ code: error.data?.code ?? error.message }),
        );
      });

    it('refuses a handshake with no, a wrong, an expired or a revoked token (connect_error UNAUTHORIZED)', async () => {
      for (const kind of BAD) {
        const result = await connect(bad[kind] === undefined ? {} : { token: bad[kind] as string });
        expect({ kind, result }).toEqual({ kind, result: { code: 'UNAUTHORIZED' } });
      }
    });

    it('refuses a handshake from a foreign Origin (connect_error FORBIDDEN)', async () => {
      expect(await connect({ token: token.admin }, 'https://evil.example')).toEqual({ code: 'FORBIDDEN' });
    });

    it('lets readers subscribe to a run and answers FORBIDDEN to a reporter', async () => {
      for (const role of ROLES) {
        const socket = await connect({ token: token[role] });
        expect('connected' in socket && socket.connected).toBe(true);
        const reply = (await (socket as Socket)
          .timeout(20_000)
          .emitWithAck('run.subscribe', { runId: adminRun })) as { data?: unknown; error?: { code: string } };
        if (role === 'reporter') expect(reply.error?.code).toBe('FORBIDDEN');
        else expect({ role, code: reply.error?.code }).not.toEqual({ role, code: 'FORBIDDEN' });
        if (role !== 'reporter')
          expect(reply.error?.code === undefined || reply.error.code !== 'UNAUTHORIZED').toBe(true);
      }
    });
  });

  describe('caretwin token on the running deployment', () => {
    it('prints a token once, lists none of the secrets, and a revoke makes the token answer 401 at once', async () => {
      const created = await cli([
        'token',
        'create',
        '--role',
        'viewer',
        '--name',
        'late',
        '--expires',
        '30d',
        '--data-dir',
        dataDir,
      ]);
      expect(created.code).toBe(0);
      const secret = created.stdout.trim();
      expect(secret).toMatch(/^ct_/);
      expect(created.stderr).toMatch(/only time it is shown/);
      expect((await call(api.url, 'GET', '/api/runs', { headers: as(secret) })).status).toBe(200);

      const list = await cli(['token', 'list', '--json'], { DATA_DIR: dataDir });
      expect(list.code).toBe(0);
      const listed = JSON.parse(list.stdout) as Array<{ name: string; state: string }>;
      expect(listed.map((t) => t.name)).toEqual(
        expect.arrayContaining(['viewer', 'planner', 'admin', 'reporter', 'late', 'gone']),
      );
      expect(listed.find((t) => t.name === 'gone')?.state).toBe('revoked');
      expect(listed.find((t) => t.name === 'old')?.state).toBe('expired');
      for (const s of [secret, ...Object.values(token)]) expect(list.stdout).not.toContain(s);
      expect((await cli(['token', 'list'], { DATA_DIR: dataDir })).stdout).not.toContain(secret);

      expect((await cli(['token', 'revoke', 'late', '--data-dir', dataDir])).stdout).toMatch(/revoked/);
      expect((await call(api.url, 'GET', '/api/runs', { headers: as(secret) })).status).toBe(401);
      const again = await cli(['token', 'revoke', 'late', '--data-dir', dataDir]);
      expect(again.code).toBe(1);
      const taken = await cli([
        'token',
        'create',
        '--role',
        'viewer',
        '--name',
        'late',
        '--data-dir',
        dataDir,
      ]);
      expect([taken.code, taken.stdout]).toEqual([1, '']);
    });
  });
});

describe('AUTH_MODE=open off loopback', () => {
  it('refuses to start, naming AUTH_MODE, HOST and the way out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'caretwin-open-'));
    try {
      const started = await run(process.execPath, [join(ROOT, 'apps', 'api', 'dist', 'main.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: dataDir,
          HOST: '0.0.0.0',
          PORT: '0',
        },
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(started.code).toBe(1);
      expect(started.stderr).toMatch(/AUTH_MODE \(access\.mode\): open .* loopback .* HOST is 0\.0\.0\.0/);
      expect(started.stderr).toMatch(/AUTH_MODE=tokens/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
