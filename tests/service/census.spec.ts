// The census twin's way in, on the built api with AUTH_MODE=tokens and a private redis-server:
// CSV and FHIR reports accepted, a re-sent day replacing the earlier one, a late report landing
// on its own date, hospitals that did not report shown as missing, an invalid request refused
// whole (422, nothing stored), the reporter's scope (403 naming the hospital), the Now channel's
// snapshot on `now.subscribe` and a `census.updated` after a POST. No worker: census needs none.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CensusAccepted,
  CensusLatest,
  CensusSeries,
  CensusUpdatedEvent,
  ErrorBody,
  MissingReport,
  NowSnapshot,
} from '@caretwin/contracts';
import { censusCsv } from '@caretwin/census';
import { TokensRepository, openDatabase } from '@caretwin/store';
import { applyCensusUpdated, stateFromSnapshot } from '../../apps/dashboard/src/now/state';
import { miyagiCensusRegion, reportedDay } from './harness/census-day';
import { ensureBuilt, ROOT } from './harness/build';
import { call, type Reply } from './harness/http';
import { startApiProcess, type ApiProcess } from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

const run = promisify(execFile);
const CLI = join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js');
const FIXTURES = join(ROOT, 'libs', 'census', 'src', 'ingest', 'fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const HEADER =
  'date,institution_code,area,bed_function,numbeds,numBedsOcc,numICUBeds,numICUBedsOcc,numVent,numVentUse,admissions,discharges';

describe('census reports in (POST /api/census) and the Now channel', () => {
  let redis: TestRedis;
  let dataDir: string;
  let api: ApiProcess;
  const token = { admin: '', planner: '', viewer: '', reporter: '', sennanOnly: '' };
  const as = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}` });

  const postCsv = (text: string, secret: string, query = ''): Promise<Reply<CensusAccepted & ErrorBody>> =>
    call(api.url, 'POST', `/api/census${query}`, { text, contentType: 'text/csv', headers: as(secret) });
  const postFhir = (doc: string, secret: string): Promise<Reply<CensusAccepted & ErrorBody>> =>
    call(api.url, 'POST', '/api/census', {
      text: doc,
      contentType: 'application/fhir+json',
      headers: as(secret),
    });
  const latest = async (): Promise<CensusLatest> => {
    const reply = await call<CensusLatest>(api.url, 'GET', '/api/census/latest', {
      headers: as(token.viewer),
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  };
  const series = (query: string): Promise<Reply<CensusSeries & ErrorBody>> =>
    call(api.url, 'GET', `/api/census?${query}`, { headers: as(token.viewer) });
  const report = (l: CensusLatest, hospital: string, fn: string) =>
    l.reports.find((r) => r.hospital === hospital && r.function === fn);

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'caretwin-census-'));
    // the reporter's token the way an operator makes one
    const created = await run(
      process.execPath,
      [
        CLI,
        'token',
        'create',
        '--role',
        'reporter',
        '--name',
        'sennan-reporter',
        '--hospital',
        'sennan-core',
        'shiroishi-municipal',
        '--data-dir',
        dataDir,
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } },
    );
    token.reporter = created.stdout.trim();
    const db = openDatabase(dataDir);
    const tokens = new TokensRepository(db);
    const at = new Date().toISOString();
    token.admin = tokens.create({ name: 'admin', role: 'admin', at }).secret;
    token.planner = tokens.create({ name: 'planner', role: 'planner', at }).secret;
    token.viewer = tokens.create({ name: 'viewer', role: 'viewer', at }).secret;
    token.sennanOnly = tokens.create({
      name: 'core-only',
      role: 'reporter',
      hospitals: ['sennan-core'],
      at,
    }).secret;
    db.close();
    api = await startApiProcess({
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-census-${randomUUID().slice(0, 8)}`,
      extra: { AUTH_MODE: 'tokens' },
    });
  }, 300_000); // a build when sources changed, a CLI process and the api on a busy machine

  afterAll(async () => {
    await api?.stop();
    await redis?.release(api ? [api.prefix] : []);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows every hospital × function with beds as missing before any report, never as zero', async () => {
    const l = await latest();
    expect(l).toMatchObject({ regionId: 'miyagi', asOf: null, reports: [] });
    expect(l.missing.length).toBeGreaterThan(84); // 84 hospitals, most with beds of several functions
    expect(l.missing.every((m) => m.lastDate === null && /^\d{10}$/.test(m.institutionCode))).toBe(true);
  });

  it('stores a CSV of its own hospitals from a reporter and names the reporter on each row', async () => {
    const reply = await postCsv(fixture('valid.csv'), token.reporter);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ dates: ['2026-11-30'], stored: 6, replaced: 0 });
    const l = await latest();
    expect(l.asOf).toBe('2026-11-30');
    expect(report(l, 'sennan-core', 'acute')).toMatchObject({
      occupied: 190,
      reporter: 'sennan-reporter',
      synthetic: false,
      icuBeds: null,
    });
  });

  it('stores a FHIR Bundle of MeasureReports, replacing the same hospitals’ day', async () => {
    const reply = await postFhir(fixture('valid-bundle.json'), token.admin);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ dates: ['2026-11-30'], stored: 6, replaced: 6 });
    expect(report(await latest(), 'sennan-core', 'acute')?.reporter).toBe('admin');
  });

  it('replaces a re-sent report with its new figures', async () => {
    const text = `${HEADER}\n2026-11-30,0410100010,sennan,acute,211,201,,,,,,\n`;
    const reply = await postCsv(text, token.planner);
    expect(reply.body).toEqual({ dates: ['2026-11-30'], stored: 1, replaced: 1 });
    expect(report(await latest(), 'sennan-core', 'acute')).toMatchObject({ occupied: 201, admissions: null });
  });

  it('lands a late report on its own date and keeps the latest date', async () => {
    const text = `${HEADER}\n2026-11-28,0410100010,sennan,acute,211,170,,,,,,\n`;
    expect((await postCsv(text, token.reporter)).body).toEqual({
      dates: ['2026-11-28'],
      stored: 1,
      replaced: 0,
    });
    const l = await latest();
    expect(l.asOf).toBe('2026-11-30');
    expect(report(l, 'sennan-core', 'acute')?.date).toBe('2026-11-30');
    const reply = await series('from=2026-11-28&to=2026-11-30&area=sennan');
    expect(reply.status, reply.text).toBe(200);
    const acute = reply.body.points.filter((p) => p.function === 'acute');
    expect(acute.map((p) => [p.date, p.occupied, p.reported])).toEqual([
      ['2026-11-28', 170, 1],
      ['2026-11-30', 201 + 60, 2],
    ]);
    // the area's other acute hospitals did not report: missing, not zero
    expect(acute[1]?.expected).toBeGreaterThan(2);
  });

  it('lists the hospitals that did not report the latest date as missing, with their last report', async () => {
    const l = await latest();
    const kakuda = l.missing.find((m) => m.hospital === 'kakuda-municipal' && m.function === 'acute');
    expect(kakuda).toMatchObject({ area: 'sennan', lastDate: null });
    expect(l.missing.some((m) => m.hospital === 'sennan-core')).toBe(false);
  });

  it('refuses a request with one impossible row whole: 422 naming the row, nothing stored', async () => {
    const before = await latest();
    const reply = await postCsv(fixture('invalid-occupied-over-beds.csv'), token.reporter);
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('CENSUS_INVALID');
    expect(reply.body.issues).toEqual([
      {
        file: '<request>',
        path: 'row 2, column numBedsOcc',
        line: 2,
        column: 6,
        message: 'numBedsOcc 80 is more than numbeds 79',
      },
    ]);
    expect(await latest()).toEqual(before); // row 3 (a valid recovery row) was not stored either
  });

  it('refuses FHIR issues at their FHIRPath', async () => {
    const reply = await postFhir(fixture('invalid-wrong-subject-type.json'), token.admin);
    expect(reply.status).toBe(422);
    expect(reply.body.issues.map((i) => i.path)).toEqual(['Bundle.entry[1].resource.subject']);
    const profile = await postFhir(fixture('invalid-wrong-profile.json'), token.admin);
    expect(profile.body.issues.map((i) => i.path)).toEqual(['MeasureReport.meta.profile']);
  });

  it('lets a reporter post only its token’s hospitals (403 naming the hospital), and a viewer none', async () => {
    const foreign = await postCsv(fixture('valid.csv'), token.sennanOnly);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(
      /may not report for hospital shiroishi-municipal \(医療機関コード 0410200018\)/,
    );
    expect((await postCsv(fixture('valid.csv'), token.viewer)).status).toBe(403);
    const reporterReads = await call(api.url, 'GET', '/api/census/latest', { headers: as(token.reporter) });
    expect(reporterReads.status).toBe(403);
  });

  it('answers 415 to a census body that is neither CSV nor FHIR JSON, and to CSV anywhere else', async () => {
    const yaml = await call<ErrorBody>(api.url, 'POST', '/api/census', {
      text: 'a: 1',
      contentType: 'application/yaml',
      headers: as(token.admin),
    });
    expect(yaml.status).toBe(415);
    expect(yaml.body.message).toMatch(/text\/csv, application\/fhir\+json or application\/json/);
    const csvToRuns = await call(api.url, 'POST', '/api/runs', {
      text: HEADER,
      contentType: 'text/csv',
      headers: as(token.admin),
    });
    expect(csvToRuns.status).toBe(415);
  });

  it('answers odd bodies with a 4xx and the error body, never a 5xx', async () => {
    const cases: Array<[string, string, number]> = [
      ['', 'text/csv', 422],
      ['\u0000\u00ff,"\n', 'text/csv; charset=utf-8', 422],
      [HEADER, 'text/csv', 422],
      ['null', 'application/fhir+json', 400],
      ['[]', 'application/fhir+json', 422],
      ['{"resourceType": "Bundle", "entry": [null, 1, {"resource": "x"}]}', 'application/fhir+json', 422],
      ['{"resourceType": "MeasureReport", "group": "x", "subject": []}', 'application/json', 422],
      ['{not json', 'application/fhir+json', 400],
    ];
    for (const [text, contentType, status] of cases) {
      const reply = await call<ErrorBody>(api.url, 'POST', '/api/census', {
        text,
        contentType,
        headers: as(token.admin),
      });
      expect({ text, status: reply.status }).toEqual({ text, status });
      expect(reply.body.code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('checks the series query: dates, their order, a known area', async () => {
    const bad = await series('from=2026-13-01');
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i) => i.path)).toEqual(['from']);
    expect((await series('from=2026-11-30&to=2026-11-01')).body.issues.map((i) => i.path)).toEqual(['from']);
    const area = await series('area=atlantis');
    expect(area.status).toBe(422);
    expect(area.body.issues[0]).toMatchObject({
      path: 'area',
      message: expect.stringMatching(/unknown area "atlantis"/),
    });
  });

  it('marks rows posted with ?synthetic=true as synthetic', async () => {
    const text = `${HEADER}\n2026-11-30,0410200018,sennan,chronic,50,45,,,,,,\n`;
    expect((await postCsv(text, token.reporter, '?synthetic=true')).status).toBe(200);
    expect(report(await latest(), 'shiroishi-municipal', 'chronic')).toMatchObject({
      occupied: 45,
      synthetic: true,
    });
  });

  describe('the Now channel (socket.io)', () => {
    const open: Socket[] = [];
    afterAll(() => open.forEach((s) => s.disconnect()));

    const connect = (secret: string, url = api.url): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = io(url, {
          auth: { token: secret },
          reconnection: false,
          transports: ['websocket'],
        });
        open.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });

    it('answers now.subscribe with the whole state, then sends census.updated after a POST', async () => {
      const socket = await connect(token.viewer);
      const reply = (await socket.timeout(20_000).emitWithAck('now.subscribe', {})) as {
        data?: NowSnapshot;
        error?: ErrorBody;
      };
      expect(reply.error).toBeUndefined();
      const snapshot = reply.data as NowSnapshot;
      expect(snapshot.latest.asOf).toBe('2026-11-30');
      expect(snapshot.series.points.some((p) => p.date === '2026-11-28' && p.area === 'sennan')).toBe(true);
      expect(snapshot.forecast).toBeNull();

      const updated = new Promise<CensusUpdatedEvent>((resolve) => socket.once('census.updated', resolve));
      const text = `${HEADER}\n2026-12-01,0410100010,sennan,acute,211,199,,,,,,\n`;
      expect((await postCsv(text, token.reporter)).status).toBe(200);
      const event = await updated;
      expect(event.seq).toBeGreaterThan(snapshot.seq);
      expect(event.rows).toMatchObject([{ date: '2026-12-01', hospital: 'sennan-core', occupied: 199 }]);
      expect(event.points).toEqual([
        expect.objectContaining({
          date: '2026-12-01',
          area: 'sennan',
          function: 'acute',
          occupied: 199,
          reported: 1,
        }),
      ]);
      expect(event.asOf).toBe('2026-12-01');
      // a new day: its whole missing list
      expect(event.missingComplete).toBe(true);
      expect(event.missing.some((m) => m.hospital === 'shiroishi-municipal')).toBe(true);

      // a later subscriber's snapshot holds it, numbered at or past the event
      const again = (await socket.timeout(20_000).emitWithAck('now.subscribe', {})) as { data: NowSnapshot };
      expect(again.data.seq).toBeGreaterThanOrEqual(event.seq);
      expect(again.data.latest.asOf).toBe('2026-12-01');
    });

    it('fans census.updated out to the sockets of every api instance on the same Redis', async () => {
      // a second instance of the same deployment (data dir and prefix), started after the first migrated the store
      const api2 = await startApiProcess({
        dataDir,
        redisUrl: redis.url,
        prefix: api.prefix,
        extra: { AUTH_MODE: 'tokens' },
      });
      try {
        const socket = await connect(token.viewer, api2.url);
        const reply = (await socket.timeout(20_000).emitWithAck('now.subscribe', {})) as {
          data: NowSnapshot;
        };
        const updated = new Promise<CensusUpdatedEvent>((resolve) => socket.once('census.updated', resolve));
        const text = `${HEADER}\n2026-12-01,0410200018,sennan,acute,79,71,,,,,,\n`;
        expect((await postCsv(text, token.reporter)).status).toBe(200); // to the first instance
        const event = await updated;
        expect(event.seq).toBeGreaterThan(reply.data.seq);
        expect(event.rows).toMatchObject([{ hospital: 'shiroishi-municipal', occupied: 71 }]);
        // the same day again: only the change to the missing list, not the list (~24 KB)
        expect(event.missingComplete).toBe(false);
        expect(event.missingResolved).toEqual([{ hospital: 'shiroishi-municipal', function: 'acute' }]);
        expect(event.missing).toEqual([]);
        expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(2048);
        const l = await call<CensusLatest>(api2.url, 'GET', '/api/census/latest', {
          headers: as(token.viewer),
        });
        expect(report(l.body, 'shiroishi-municipal', 'acute')).toMatchObject({
          date: '2026-12-01',
          occupied: 71,
        });
      } finally {
        await api2.stop();
      }
    }, 120_000);

    it('sends a whole region’s day as consecutive census.updated events of at most 64 rows, each under 64 KiB', async () => {
      const rows = reportedDay(miyagiCensusRegion().hospitals, '2026-11-29', 0.7);
      const socket = await connect(token.viewer);
      const reply = (await socket.timeout(20_000).emitWithAck('now.subscribe', {})) as { data: NowSnapshot };
      const events: Array<{ event: CensusUpdatedEvent; bytes: number }> = [];
      const all = new Promise<void>((resolve) =>
        socket.on('census.updated', (event: CensusUpdatedEvent) => {
          events.push({ event, bytes: Buffer.byteLength(JSON.stringify(event)) });
          if (events.reduce((n, e) => n + e.event.rows.length, 0) >= rows.length) resolve();
        }),
      );
      expect((await postCsv(censusCsv(rows), token.admin)).status).toBe(200);
      await all;
      expect(rows.length).toBeGreaterThan(128);
      expect(events).toHaveLength(Math.ceil(rows.length / 64));
      expect(events.map((e) => e.event.seq)).toEqual(events.map((_, i) => reply.data.seq + 1 + i));
      for (const { event, bytes } of events) {
        expect(event.rows.length).toBeLessThanOrEqual(64);
        expect(bytes).toBeLessThan(64 * 1024);
      }
      expect(
        new Set(events.flatMap((e) => e.event.rows.map((r) => `${r.hospital}|${r.function}`))).size,
      ).toBe(rows.length);
      // the points the day changed and the missing list come with the last event
      expect(events.map((e) => e.event.more)).toEqual(events.map((_, i) => i < events.length - 1));
      const last = events.at(-1)!.event;
      expect(last.points.some((p) => p.date === '2026-11-29' && p.area === 'sendai')).toBe(true);
      expect(last.asOf).toBe('2026-12-01');
      // a late day: the missing pairs whose last report it moved, not the whole list
      expect(last.missingComplete).toBe(false);
      expect(last.missing.length).toBeGreaterThan(0);
      expect(last.missing.every((m) => m.lastDate === '2026-11-29')).toBe(true);
      // a client merging the snapshot and the events (the dashboard's merge) holds what the api holds
      const state = stateFromSnapshot(reply.data);
      for (const { event } of events) expect(applyCensusUpdated(state, event)).toBe(true);
      const held = await latest();
      const byKey = (list: MissingReport[]): MissingReport[] =>
        [...list].sort((a, b) => `${a.hospital}|${a.function}`.localeCompare(`${b.hospital}|${b.function}`));
      expect(byKey(state.missing)).toEqual(byKey(held.missing));
      expect(state.asOf).toBe(held.asOf);
    }, 60_000);

    it('refuses a reporter (it reads nothing)', async () => {
      const socket = await connect(token.reporter);
      const reply = (await socket.timeout(20_000).emitWithAck('now.subscribe', {})) as { error?: ErrorBody };
      expect(reply.error?.code).toBe('FORBIDDEN');
    });
  });
});
