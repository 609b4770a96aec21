// Planning workshops on the built api and worker (AUTH_MODE=tokens, a private redis-server): a
// planner creates a workshop on a short saved scenario, a participant joins with the code and
// proposes within the levers (and is refused, with the bound named, outside them), the planner
// accepts two proposals whose runs complete on common random numbers with the baseline, the
// board pairs each against the baseline with a sentence, votes tally, a socket subscriber sees
// every event in seq order after its snapshot, the participant token reaches nothing else, the
// closed workshop refuses it (401), and its export imports into another deployment with the
// same board.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Ack,
  Board,
  ErrorBody,
  JoinAnswer,
  JoinInfo,
  PrintLink,
  Proposal,
  Variant,
  VoteTally,
  Workshop,
  WorkshopEvent,
  WorkshopExport,
  WorkshopSnapshot,
  WorkshopView,
} from '@caretwin/contracts';
import { TokensRepository, openDatabase } from '@caretwin/store';
import { ensureBuilt } from './harness/build';
import { call, waitFor, type Reply } from './harness/http';
import {
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ServiceProcess,
} from './harness/processes';
import { acquireRedis, type TestRedis } from './harness/redis';

/** A short Miyagi scenario (3-day warm-up, 10 days, 3 replications): runs finish in seconds. */
const SCENARIO = {
  id: 'ws-miyagi',
  extends: 'miyagi-2025-baseline',
  horizonDays: 10,
  warmupDays: 3,
  replications: 3,
  seed: 5,
};

const convert = (count: number) => ({
  kind: 'convertBeds',
  area: 'sendai',
  from: 'acute',
  to: 'recovery',
  count,
});

describe('planning workshops: create, join, propose, accept, board, vote, events, close, export / import', () => {
  let redis: TestRedis;
  const dataDirs: string[] = [];
  let api: ApiProcess;
  let worker: ServiceProcess;
  let socket: Socket;
  const events: WorkshopEvent[] = [];
  let snapshotSeq = -1;
  const token = { planner: '', viewer: '', admin: '', participant: '', otherPlanner: '' };
  const as = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}` });
  let workshop: Workshop;
  let other: Workshop;
  const proposals: Proposal[] = [];
  const variants: Variant[] = [];
  let exported: WorkshopExport;

  const req = <T>(
    method: string,
    path: string,
    secret: string,
    json?: unknown,
  ): Promise<Reply<T & ErrorBody>> =>
    call<T & ErrorBody>(api.url, method, path, {
      headers: as(secret),
      ...(json !== undefined ? { json } : {}),
    });

  function tokens(dataDir: string): { planner: string; viewer: string; admin: string; otherPlanner: string } {
    const db = openDatabase(dataDir);
    const repo = new TokensRepository(db);
    const at = new Date().toISOString();
    const made = {
      planner: repo.create({ name: 'planner', role: 'planner', at }).secret,
      viewer: repo.create({ name: 'viewer', role: 'viewer', at }).secret,
      admin: repo.create({ name: 'admin', role: 'admin', at }).secret,
      otherPlanner: repo.create({ name: 'other planner', role: 'planner', at }).secret,
    };
    db.close();
    return made;
  }

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    const dataDir = mkdtempSync(join(tmpdir(), 'caretwin-workshops-'));
    dataDirs.push(dataDir);
    Object.assign(token, tokens(dataDir));
    const settings = {
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-ws-${randomUUID().slice(0, 8)}`,
      extra: { AUTH_MODE: 'tokens', WORKER_THREADS: '2' },
    };
    [api, worker] = await Promise.all([startApiProcess(settings), startWorkerProcess(settings)]);
    const saved = await req('POST', '/api/scenarios', token.planner, SCENARIO);
    expect(saved.status, saved.text).toBe(201);
  }, 300_000); // a build when sources changed, then api and worker on a busy machine

  afterAll(async () => {
    socket?.close();
    await worker?.stop();
    await api?.stop();
    await redis?.release(api ? [api.prefix] : []);
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a workshop on a baseline it runs, with a join code, and refuses a lever on an unknown area', async () => {
    const body = {
      title: 'Sendai recovery beds',
      question: 'Should Sendai convert acute beds to recovery?',
      baseline: { scenarioId: SCENARIO.id },
      levers: [{ kind: 'convertBeds', area: 'sendai', maxBeds: 300 }],
    };
    const created = await req<Workshop>('POST', '/api/workshops', token.planner, body);
    expect(created.status, created.text).toBe(201);
    workshop = created.body;
    expect(created.headers.get('location')).toBe(`/api/workshops/${workshop.id}`);
    expect(workshop).toMatchObject({
      state: 'open',
      seed: 5,
      replications: 3,
      horizonDays: 10,
      facilitator: 'planner',
    });
    expect(workshop.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(workshop.joinUrl).toBe(`${api.url}/#/join/${workshop.joinCode}`);

    expect((await req('POST', '/api/workshops', token.viewer, body)).status).toBe(403);
  }, 60_000);

  it('answers a socket subscriber with a snapshot, then every event in seq order', async () => {
    socket = io(api.url, { transports: ['websocket'], auth: { token: token.viewer }, reconnection: false });
    socket.on('workshop.event', (event: WorkshopEvent) => events.push(event));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = (await socket
      .timeout(10_000)
      .emitWithAck('workshop.subscribe', { workshopId: workshop.id })) as Ack<WorkshopSnapshot>;
    if ('error' in ack) throw new Error(ack.error.message);
    snapshotSeq = ack.data.seq;
    expect(ack.data).toMatchObject({
      workshop: { id: workshop.id },
      participants: [],
      proposals: [],
      myVote: null,
    });
    expect(ack.data.board.baseline.runId).toBe(workshop.baseline.runId);
  });

  it('lets a participant join with the code (no token) and get a token bound to the workshop', async () => {
    const info = await call<JoinInfo>(
      api.url,
      'GET',
      `/api/workshops/join/${workshop.joinCode.toLowerCase()}`,
    );
    expect(info.status, info.text).toBe(200);
    expect(info.body).toEqual({
      workshopId: workshop.id,
      title: workshop.title,
      question: workshop.question,
      state: 'open',
    });
    const joined = await call<JoinAnswer>(api.url, 'POST', '/api/workshops/join', {
      json: { code: workshop.joinCode, name: 'Sato (fire dept.)' },
    });
    expect(joined.status, joined.text).toBe(201);
    expect(joined.body.token.startsWith('ctp_')).toBe(true);
    token.participant = joined.body.token;
    const session = await req<{ role: string; workshopId: string }>('GET', '/api/session', token.participant);
    expect(session.body).toMatchObject({
      role: 'participant',
      name: 'Sato (fire dept.)',
      workshopId: workshop.id,
    });
    expect(
      (await call(api.url, 'POST', '/api/workshops/join', { json: { code: 'ZZZZZZ', name: 'x' } })).status,
    ).toBe(404);
    // a write without a token still lands in the audit log, as the participant it made
    const audit = await req<{ items: Array<{ action: string; role: string; actorName: string }> }>(
      'GET',
      '/api/audit',
      token.admin,
    );
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'POST /api/workshops/join',
        role: 'participant',
        actorName: 'Sato (fire dept.)',
      }),
    );
  });

  it('takes proposals within the levers and refuses one outside them, naming the path and the bound', async () => {
    const inBounds = await req<Proposal>(
      'POST',
      `/api/workshops/${workshop.id}/proposals`,
      token.participant,
      {
        title: 'Convert 50 beds',
        rationale: 'recovery beds are short in Sendai',
        policies: [convert(50)],
      },
    );
    expect(inBounds.status, inBounds.text).toBe(201);
    expect(inBounds.body).toMatchObject({
      state: 'proposed',
      author: { name: 'Sato (fire dept.)', role: 'participant' },
    });
    proposals.push(inBounds.body);

    const out = await req('POST', `/api/workshops/${workshop.id}/proposals`, token.participant, {
      title: 'Convert 350 beds',
      rationale: 'go big',
      policies: [convert(350)],
    });
    expect(out.status, out.text).toBe(422);
    expect(out.body.issues).toHaveLength(1);
    expect(out.body.issues[0].path).toBe('policies[0].count');
    expect(out.body.issues[0].message).toMatch(/300/);

    const byPlanner = await req<Proposal>('POST', `/api/workshops/${workshop.id}/proposals`, token.planner, {
      title: 'Convert 200 beds',
      rationale: 'a bolder step',
      policies: [convert(200)],
    });
    expect(byPlanner.status, byPlanner.text).toBe(201);
    expect(byPlanner.body.author.role).toBe('facilitator');
    proposals.push(byPlanner.body);
    const duplicate = await req<Proposal>(
      'POST',
      `/api/workshops/${workshop.id}/proposals`,
      token.participant,
      {
        title: 'Also 50',
        rationale: 'same as the first',
        policies: [convert(50)],
      },
    );
    const merged = await req<Proposal>(
      'POST',
      `/api/workshops/${workshop.id}/proposals/${duplicate.body.id}/merge`,
      token.planner,
      { into: proposals[0].id },
    );
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body).toMatchObject({ state: 'merged', mergedInto: proposals[0].id });
  });

  it('accepts two proposals: runs on the baseline’s seed, replications and horizon complete, and the board pairs them', async () => {
    for (const p of proposals) {
      const accepted = await req<Variant>(
        'POST',
        `/api/workshops/${workshop.id}/proposals/${p.id}/accept`,
        token.planner,
      );
      expect(accepted.status, accepted.text).toBe(202);
      variants.push(accepted.body);
    }
    const again = await req(
      'POST',
      `/api/workshops/${workshop.id}/proposals/${proposals[0].id}/accept`,
      token.planner,
    );
    expect(again.status).toBe(409);
    const run = await req<{ seed: number; replications: { planned: number } }>(
      'GET',
      `/api/runs/${variants[0].runId}`,
      token.viewer,
    );
    expect(run.body).toMatchObject({ seed: 5, replications: { planned: 3 } });

    const board = await waitFor('both variants compared on the board', async () => {
      const reply = await req<Board>('GET', `/api/workshops/${workshop.id}/board`, token.participant);
      expect(reply.status, reply.text).toBe(200);
      return reply.body.rows.length === 2 && reply.body.rows.every((r) => r.comparison !== null)
        ? reply.body
        : undefined;
    });
    expect(board.baseline.state).toBe('completed');
    expect(board.rows.map((r) => r.title)).toEqual(['Convert 50 beds', 'Convert 200 beds']);
    for (const row of board.rows) {
      expect(row.comparison?.paired).toBe(true);
      expect(row.sentence?.ja).toMatch(/仙台/);
      expect(row.sentence?.en).toMatch(/Sendai/);
      expect(board.kpis.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('tallies the participants’ rankings (3/2/1) and refuses an unknown variant with its path', async () => {
    const second = await call<JoinAnswer>(api.url, 'POST', '/api/workshops/join', {
      json: { code: workshop.joinCode, name: 'Suzuki' },
    });
    const ranking = [variants[1].id, variants[0].id];
    expect(
      (await req('PUT', `/api/workshops/${workshop.id}/votes/me`, token.participant, { ranking })).status,
    ).toBe(200);
    const tally = await req<VoteTally>('PUT', `/api/workshops/${workshop.id}/votes/me`, second.body.token, {
      ranking: [variants[1].id],
    });
    expect(tally.status, tally.text).toBe(200);
    expect(tally.body).toEqual({
      voters: 2,
      rows: [
        { variantId: variants[1].id, points: 6, firstPlaces: 2 },
        { variantId: variants[0].id, points: 2, firstPlaces: 0 },
      ],
    });
    const bad = await req('PUT', `/api/workshops/${workshop.id}/votes/me`, token.participant, {
      ranking: ['nope'],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i) => i.path)).toEqual(['ranking[0]']);
    const mine = await req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, token.participant);
    expect(mine.body.myVote).toEqual(ranking);
  });

  it('sent the subscriber every change in seq order after its snapshot: joins, proposals, progress, board, votes', async () => {
    const view = await req('PUT', `/api/workshops/${workshop.id}/view`, token.planner, {
      runId: variants[0].runId,
      chart: 'occupancy',
      area: 'sendai',
    });
    expect(view.status, view.text).toBe(200);
    const last = await waitFor('the view change on the socket', async () =>
      events.find((e) => e.type === 'view.changed'),
    );
    const seqs = events.map((e) => e.seq);
    expect(seqs[0]).toBe(snapshotSeq + 1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.every((e, i) => i === 0 || e.prev === events[i - 1].seq)).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'participant.joined',
      'proposal.created',
      'proposal.updated',
      'variant.progress',
      'board.updated',
      'vote.updated',
    ])
      expect(types).toContain(type);
    expect(last).toMatchObject({ view: { chart: 'occupancy', area: 'sendai' } });
    const completed = events.filter((e) => e.type === 'variant.progress' && e.variant.state === 'completed');
    expect(completed.map((e) => (e.type === 'variant.progress' ? e.variant.id : '')).sort()).toEqual(
      variants.map((v) => v.id).sort(),
    );
  });

  it('starts a workshop on a completed run too, and refuses a lever on an area the baseline lacks', async () => {
    const body = {
      title: 'Another',
      question: 'Another question?',
      baseline: { runId: workshop.baseline.runId },
      levers: [{ kind: 'ambulances', maxChange: 5 }],
    };
    const bad = await req('POST', '/api/workshops', token.planner, {
      ...body,
      levers: [{ kind: 'convertBeds', area: 'atlantis', maxBeds: 10 }],
    });
    expect(bad.status, bad.text).toBe(422);
    expect(bad.body.issues.map((i) => i.path)).toEqual(['levers[0].area']);
    const created = await req<Workshop>('POST', '/api/workshops', token.planner, body);
    expect(created.status, created.text).toBe(201);
    other = created.body;
    expect(other.baseline.runId).toBe(workshop.baseline.runId);
  });

  it('refuses a baseline whose replications are adaptive (precision): variants must pair with it replication by replication', async () => {
    const adaptive = {
      ...SCENARIO,
      id: 'ws-miyagi-precision',
      precision: { kpi: 'occupancy.prefecture.acute', halfWidth: 0.01, max: 6 },
    };
    const saved = await req('POST', '/api/scenarios', token.planner, adaptive);
    expect(saved.status, saved.text).toBe(201);
    const before = await req<{ items: unknown[] }>('GET', '/api/workshops', token.planner);
    const refused = await req('POST', '/api/workshops', token.planner, {
      title: 'Adaptive',
      question: 'Does it pair?',
      baseline: { scenarioId: adaptive.id },
      levers: [{ kind: 'ambulances', maxChange: 3 }],
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.issues.map((i) => i.path)).toEqual(['baseline.scenarioId']);
    expect(refused.body.issues[0].message).toMatch(/fixed replication count/);
    const after = await req<{ items: unknown[] }>('GET', '/api/workshops', token.planner);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('gives the room the baseline’s fleet after its own policies, the figure the levers are checked against', async () => {
    const fleet = {
      ...SCENARIO,
      id: 'ws-miyagi-fleet',
      policies: [{ kind: 'setAmbulances', area: 'sendai', vehicles: 7 }],
    };
    const saved = await req('POST', '/api/scenarios', token.planner, fleet);
    expect(saved.status, saved.text).toBe(201);
    const created = await req<Workshop>('POST', '/api/workshops', token.planner, {
      title: 'Fleet',
      question: 'Seven ambulances in Sendai?',
      baseline: { scenarioId: fleet.id },
      levers: [{ kind: 'ambulances', maxChange: 3 }],
    });
    expect(created.status, created.text).toBe(201);
    const plain = await req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, token.planner);
    const changed = await req<WorkshopSnapshot>('GET', `/api/workshops/${created.body.id}`, token.planner);
    const before = plain.body.baselineFacts;
    const after = changed.body.baselineFacts;
    expect(before?.areas).toContain('sendai');
    expect(before?.ambulancesByArea.sendai).toBeGreaterThan(7);
    expect(after?.ambulancesByArea.sendai).toBe(7);
    // the other areas keep the region's fleet
    expect({ ...after?.ambulancesByArea, sendai: 0 }).toEqual({ ...before?.ambulancesByArea, sendai: 0 });
    expect(after?.hospitals).toEqual(before?.hospitals);
  });

  it('refuses the participant token everywhere else: runs (but its own workshop’s, live), another workshop, the facilitator’s writes (403)', async () => {
    const p = token.participant;
    const refusals = await Promise.all([
      req('POST', '/api/runs', p, { scenarioId: SCENARIO.id }),
      req('GET', `/api/runs/${variants[0].runId}`, p),
      req('GET', `/api/workshops/${other.id}`, p),
      req('POST', `/api/workshops/${other.id}/proposals`, p, {
        title: 't',
        rationale: 'r',
        policies: [convert(1)],
      }),
      req('PUT', `/api/workshops/${workshop.id}/view`, p, { runId: null, chart: 'board', area: null }),
      req('POST', `/api/workshops/${workshop.id}/proposals/${proposals[0].id}/accept`, p),
      req('GET', '/api/workshops', p),
      req('GET', '/api/scenarios', p),
      req('GET', '/api/regions/miyagi/boundaries', p),
      req('GET', `/api/workshops/${other.id}/boundaries`, p),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 403, 403]);
    // the map's boundaries come through its own workshop
    const shapes = await req<{ type: string; features: unknown[] }>(
      'GET',
      `/api/workshops/${workshop.id}/boundaries`,
      p,
    );
    expect(shapes.status, shapes.text.slice(0, 200)).toBe(200);
    expect(shapes.body.type).toBe('FeatureCollection');
    expect(shapes.body.features.length).toBeGreaterThan(30);
    // its own workshop's runs are read through the workshop
    const own = await req<{ state: string }>(
      'GET',
      `/api/workshops/${workshop.id}/runs/${variants[0].runId}`,
      p,
    );
    expect(own.status, own.text).toBe(200);
    expect((await req('GET', `/api/workshops/${workshop.id}/runs/${randomUUID()}`, p)).status).toBe(404);
    const watcher = io(api.url, { transports: ['websocket'], auth: { token: p }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        watcher.once('connect', resolve);
        watcher.once('connect_error', reject);
      });
      // it watches its own workshop's runs fill in, and no other run
      const runAck = (await watcher
        .timeout(10_000)
        .emitWithAck('run.subscribe', { runId: variants[0].runId })) as Ack<{ runId: string; state: string }>;
      expect('data' in runAck && runAck.data).toMatchObject({ runId: variants[0].runId, state: 'completed' });
      const otherRunAck = (await watcher
        .timeout(10_000)
        .emitWithAck('run.subscribe', { runId: randomUUID() })) as Ack<unknown>;
      expect('error' in otherRunAck && otherRunAck.error.code).toBe('FORBIDDEN');
      const nowAck = (await watcher.timeout(10_000).emitWithAck('now.subscribe', {})) as Ack<unknown>;
      expect('error' in nowAck && nowAck.error.code).toBe('FORBIDDEN');
      const otherAck = (await watcher
        .timeout(10_000)
        .emitWithAck('workshop.subscribe', { workshopId: other.id })) as Ack<unknown>;
      expect('error' in otherAck && otherAck.error.code).toBe('FORBIDDEN');
      const ownAck = (await watcher
        .timeout(10_000)
        .emitWithAck('workshop.subscribe', { workshopId: workshop.id })) as Ack<WorkshopSnapshot>;
      expect('data' in ownAck && ownAck.data.myVote).toEqual([variants[1].id, variants[0].id]);
    } finally {
      watcher.close();
    }
  });

  it('lets only the planner that created it, or an admin, facilitate: another planner gets 403 and follows', async () => {
    const mine = await req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, token.planner);
    const theirs = await req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, token.otherPlanner);
    expect(mine.body.canFacilitate).toBe(true);
    expect(theirs.body.canFacilitate).toBe(false);
    const view = { runId: variants[0].runId, chart: 'kpis', area: 'sendai' };
    const refusals = await Promise.all([
      req('PUT', `/api/workshops/${workshop.id}/view`, token.otherPlanner, view),
      req('POST', `/api/workshops/${workshop.id}/proposals/${proposals[0].id}/accept`, token.otherPlanner),
      req('POST', `/api/workshops/${workshop.id}/proposals/${proposals[0].id}/decline`, token.otherPlanner),
      req('POST', `/api/workshops/${workshop.id}/close`, token.otherPlanner),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(refusals[0].body.message).toMatch(/facilitates only its own workshops/);
    // nothing changed: the workshop is open, the proposal undecided
    const after = await req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, token.viewer);
    expect(after.body.workshop.state).toBe('open');
    expect(after.body.proposals.find((p) => p.id === proposals[0].id)?.state).toBe(
      mine.body.proposals.find((p) => p.id === proposals[0].id)?.state,
    );
    // an admin may
    const admin = await req<WorkshopView>('PUT', `/api/workshops/${workshop.id}/view`, token.admin, view);
    expect(admin.status, admin.text).toBe(200);
  });

  it('closes: the participant token answers 401, proposals 409 and joins 410, and everything stays readable', async () => {
    // a participant socket opened before the close: it hears the close, then is let go
    const open = io(api.url, {
      transports: ['websocket'],
      auth: { token: token.participant },
      reconnection: false,
    });
    const heard: WorkshopEvent[] = [];
    open.on('workshop.event', (event: WorkshopEvent) => heard.push(event));
    const dropped = new Promise<string>((resolve) => open.once('disconnect', (reason) => resolve(reason)));
    await new Promise<void>((resolve, reject) => {
      open.once('connect', resolve);
      open.once('connect_error', reject);
    });
    const subscribed = (await open
      .timeout(10_000)
      .emitWithAck('workshop.subscribe', { workshopId: workshop.id })) as Ack<WorkshopSnapshot>;
    expect('data' in subscribed).toBe(true);

    const closed = await req<Workshop>('POST', `/api/workshops/${workshop.id}/close`, token.planner);
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect(await dropped).toBe('io server disconnect');
    expect(heard.map((e) => e.type)).toContain('workshop.closed');
    open.close();
    // its token no longer opens a socket
    const again = io(api.url, {
      transports: ['websocket'],
      auth: { token: token.participant },
      reconnection: false,
    });
    try {
      const outcome = await new Promise<string>((resolve) => {
        again.once('connect', () => resolve('connected'));
        again.once('connect_error', (error) => resolve(error.message));
      });
      expect(outcome).toBe('the workshop has closed');
    } finally {
      again.close();
    }
    const refused = await req('GET', `/api/workshops/${workshop.id}`, token.participant);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('the workshop has closed');
    const late = await req('POST', `/api/workshops/${workshop.id}/proposals`, token.planner, {
      title: 'late',
      rationale: 'too late',
      policies: [convert(10)],
    });
    expect(late.status).toBe(409);
    const join = await call(api.url, 'POST', '/api/workshops/join', {
      json: { code: workshop.joinCode, name: 'Late' },
    });
    expect(join.status).toBe(410);
    const read = await req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, token.viewer);
    expect(read.status).toBe(200);
    expect(read.body.proposals).toHaveLength(3);
    await waitFor('workshop.closed on the socket', async () =>
      events.find((e) => e.type === 'workshop.closed'),
    );
  });

  it('makes a print link that reads its workshop, closed too, and nothing else', async () => {
    const made = await req<PrintLink>('POST', `/api/workshops/${workshop.id}/print-link`, token.viewer, {
      lang: 'en',
      minutes: 5,
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.url).toMatch(new RegExp(`/#/workshops/${workshop.id}/handout\\?lang=en&key=ctv_`));
    expect(Date.parse(made.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const key = new URLSearchParams(made.body.url.split('?')[1]).get('key') ?? '';
    const reads = await Promise.all([
      req<WorkshopSnapshot>('GET', `/api/workshops/${workshop.id}`, key),
      req('GET', `/api/workshops/${workshop.id}/board`, key),
      req('GET', `/api/workshops/${workshop.id}/runs/${variants[0].runId}/result`, key),
    ]);
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(reads[0].body.workshop.state).toBe('closed');
    const refused = await Promise.all([
      req('GET', `/api/workshops/${other.id}`, key),
      req('GET', '/api/runs', key),
      req('POST', `/api/workshops/${other.id}/print-link`, key, {}),
      req('PUT', `/api/workshops/${workshop.id}/votes/me`, key, { ranking: [] }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(refused[3].body.message).toMatch(/print link only reads/);
    // a key whose signature was not made here, or for another workshop
    const forged = await req('GET', `/api/workshops/${other.id}`, key.replace(workshop.id, other.id));
    expect(forged.status).toBe(401);
    // its socket watches the closed workshop (a participant's could not)
    const reader = io(api.url, { transports: ['websocket'], auth: { token: key }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        reader.once('connect', resolve);
        reader.once('connect_error', reject);
      });
      const ack = (await reader
        .timeout(10_000)
        .emitWithAck('workshop.subscribe', { workshopId: workshop.id })) as Ack<WorkshopSnapshot>;
      expect('data' in ack && ack.data.workshop.state).toBe('closed');
    } finally {
      reader.close();
    }
  });

  it('exports one file that another deployment imports as a closed workshop with the same board', async () => {
    const file = await req<WorkshopExport>('GET', `/api/workshops/${workshop.id}/export`, token.viewer);
    expect(file.status, file.text.slice(0, 300)).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="workshop-${workshop.id}.json"`,
    );
    exported = file.body;
    expect(exported.runs).toHaveLength(3);
    const board = (await req<Board>('GET', `/api/workshops/${workshop.id}/board`, token.viewer)).body;

    // the second deployment runs AUTH_MODE=open (a loopback demo): no token is the open admin
    const dataDir = mkdtempSync(join(tmpdir(), 'caretwin-workshops-b-'));
    dataDirs.push(dataDir);
    const apiB = await startApiProcess({
      dataDir,
      redisUrl: redis.url,
      prefix: `ct-ws-b-${randomUUID().slice(0, 8)}`,
      // the default limits: an export (1.3 MB here) is over BODY_LIMIT_BYTES, within IMPORT_BODY_LIMIT_BYTES
      extra: { AUTH_MODE: 'open' },
    });
    const onB = <T>(method: string, path: string, json?: unknown, headers: Record<string, string> = {}) =>
      call<T & ErrorBody>(apiB.url, method, path, { headers, ...(json !== undefined ? { json } : {}) });
    try {
      const broken = await onB('POST', '/api/workshops/import', {
        ...exported,
        variants: [{ ...exported.variants[0], runId: 'missing' }, exported.variants[1]],
      });
      expect(broken.status, broken.text.slice(0, 300)).toBe(422);
      expect(broken.body.issues.map((i) => i.path)).toContain('variants[0].runId');
      expect((await onB<{ items: unknown[] }>('GET', '/api/workshops')).body.items).toEqual([]);
      expect((await onB<{ total: number }>('GET', '/api/runs')).body.total).toBe(0);

      const imported = await onB<Workshop>('POST', '/api/workshops/import', exported);
      expect(imported.status, imported.text.slice(0, 300)).toBe(201);
      expect(imported.body).toMatchObject({ state: 'closed', title: workshop.title });
      expect(imported.body.id).not.toBe(workshop.id);
      const boardB = await onB<Board>('GET', `/api/workshops/${imported.body.id}/board`);
      expect(boardB.status, boardB.text.slice(0, 300)).toBe(200);
      const strip = (x: Board) =>
        x.rows.map((r) => ({
          title: r.title,
          state: r.state,
          comparison: r.comparison,
          sentence: r.sentence,
          points: r.points,
        }));
      expect(strip(boardB.body)).toEqual(strip(board));
      expect(boardB.body.vote.voters).toBe(2);
      expect((await onB('GET', `/api/runs/${boardB.body.rows[0].runId}/result`)).status).toBe(200);
      // the facilitator's last view comes along, on the imported run's id
      expect(exported.view).toEqual({ runId: variants[0].runId, chart: 'kpis', area: 'sendai' });
      const snapshotB = await onB<WorkshopSnapshot>('GET', `/api/workshops/${imported.body.id}`);
      const importedRun = boardB.body.rows.find((r) => r.title === variants[0].title)?.runId;
      expect(importedRun).toBeDefined();
      expect(snapshotB.body.view).toEqual({ runId: importedRun, chart: 'kpis', area: 'sendai' });

      // open mode still binds a participant sent with its token: a workshop on the imported baseline
      const fresh = await onB<Workshop>('POST', '/api/workshops', {
        title: 'Open demo',
        question: 'Does open mode bind participants?',
        baseline: { runId: boardB.body.baseline.runId },
        levers: [{ kind: 'convertBeds', area: 'sendai', maxBeds: 10 }],
      });
      expect(fresh.status, fresh.text).toBe(201);
      const joined = await onB<JoinAnswer>('POST', '/api/workshops/join', {
        code: fresh.body.joinCode,
        name: 'Demo',
      });
      const bearer = as(joined.body.token);
      expect((await onB('GET', '/api/runs', undefined, bearer)).status).toBe(403);
      expect((await onB('GET', `/api/workshops/${fresh.body.id}`, undefined, bearer)).status).toBe(200);
      expect((await onB('GET', `/api/workshops/${imported.body.id}`, undefined, bearer)).status).toBe(403);
    } finally {
      await apiB.stop();
      await redis.release([apiB.prefix]);
    }
  }, 120_000);
});
