// Census reports while Redis is killed (issue 18): the store is the census's home, Redis only
// its fan-out, so a report posted while Redis is away is stored and answered 200 at once, the
// latest state is read from the store, `now.subscribe` says LIVE_UNAVAILABLE instead of hanging,
// and once Redis is back a subscriber gets a snapshot holding the report and the events resume.
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { CensusLatest, CensusUpdatedEvent, NowSnapshot } from '@caretwin/contracts';
import { FaultEnv } from './harness/fault-env';
import { waitUntil } from './harness/runs';

const HEADER =
  'date,institution_code,area,bed_function,numbeds,numBedsOcc,numICUBeds,numICUBedsOcc,numVent,numVentUse,admissions,discharges';
const ANSWER_WITHIN_MS = 10_000;

async function postCsv(url: string, text: string): Promise<{ status: number; elapsedMs: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/api/census`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: text,
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  await response.arrayBuffer();
  return { status: response.status, elapsedMs: Date.now() - started };
}

async function latest(url: string): Promise<CensusLatest> {
  const response = await fetch(`${url}/api/census/latest`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  expect(response.status).toBe(200);
  return (await response.json()) as CensusLatest;
}

const acute = (l: CensusLatest) =>
  l.reports.find((r) => r.hospital === 'sennan-core' && r.function === 'acute');

describe('census reports while Redis is killed', () => {
  let env: FaultEnv | undefined;
  const sockets: Socket[] = [];

  afterEach(async () => {
    sockets.forEach((s) => s.disconnect());
    await env?.cleanup();
    env = undefined;
  }, 60_000);

  const subscribe = async (
    url: string,
  ): Promise<{ socket: Socket; reply: { data?: NowSnapshot; error?: { code: string } } }> => {
    const socket = io(url, { reconnection: false, transports: ['websocket'] });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const reply = (await socket.timeout(ANSWER_WITHIN_MS).emitWithAck('now.subscribe', {})) as {
      data?: NowSnapshot;
      error?: { code: string };
    };
    return { socket, reply };
  };

  it('stores and answers while Redis is away, then fans out again once it is back', async () => {
    env = await FaultEnv.create('census-redis', { persistent: false });
    const api = await env.startApi();
    expect(
      (await postCsv(api.url, `${HEADER}\n2026-11-30,0410100010,sennan,acute,211,180,,,,,,\n`)).status,
    ).toBe(200);

    await env.killRedis();
    const away = await postCsv(api.url, `${HEADER}\n2026-11-30,0410100010,sennan,acute,211,185,,,,,,\n`);
    expect(away.status).toBe(200);
    expect(away.elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
    expect(acute(await latest(api.url))).toMatchObject({ occupied: 185 }); // from the store, not a stale cache
    const refused = await subscribe(api.url);
    expect(refused.reply.error?.code).toBe('LIVE_UNAVAILABLE');

    await env.restartRedis();
    const { socket, reply } = await waitUntil('now.subscribe to answer a snapshot again', async () => {
      const attempt = await subscribe(api.url);
      return attempt.reply.data ? attempt : undefined;
    });
    expect(acute((reply.data as NowSnapshot).latest)).toMatchObject({ occupied: 185 });
    // The api's subscriber connection comes back on its own schedule (ioredis reconnects and
    // re-subscribes): a report stored before it has is not fanned out — a client gets it with its
    // next snapshot — so reports are posted, a second apart, until one event arrives (seen in CI
    // on a loaded machine: the first post after the restart was stored but its event went nowhere).
    const events: CensusUpdatedEvent[] = [];
    socket.on('census.updated', (event: CensusUpdatedEvent) => events.push(event));
    let occupied = 190;
    const event = await waitUntil(
      'a census.updated event once Redis is back',
      async () => {
        const posted = await postCsv(
          api.url,
          `${HEADER}\n2026-12-01,0410100010,sennan,acute,211,${occupied++},,,,,,\n`,
        );
        expect(posted.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return events[0];
      },
      90_000,
      0,
    );
    expect(event.rows).toHaveLength(1);
    expect(event.rows[0]).toMatchObject({ date: '2026-12-01', hospital: 'sennan-core', function: 'acute' });
    expect(event.rows[0].occupied).toBeGreaterThanOrEqual(190);
    expect(event.rows[0].occupied).toBeLessThan(occupied);
  }, 240_000); // a build when sources changed, the api, a Redis kill and restart on a busy machine
});
