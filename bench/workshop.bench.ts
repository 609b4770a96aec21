// The workshop benchmark (`npm run bench:workshop`, issue 19 "Load"): 50 participants following
// the facilitator, on the BUILT api and worker as processes with their own redis-server (never
// the machine's), as `npm run bench:service` runs them (service-deployment.ts).
//
// A planner creates a workshop on Miyagi's baseline (the api runs it: 2 replications of 30 days
// on one worker process), 50 participants join with the code (POST /api/workshops/join), and
// their 50 sockets, in a child process of their own (workshop-clients.ts), subscribe to the
// workshop with their participant tokens. Then the facilitator changes the view N times
// (PUT /api/workshops/:id/view: run, panel and area, each view unlike the one before), one
// change every --interval ms. This process stamps each PUT as it sends it; the participants'
// process stamps each view.changed as it arrives (Date.now() on one machine: one clock). The
// delay of a view change is arrival − PUT sent, per participant and change: p50, p95 and max,
// with how many of the changes × participants arrived, in order, and the view every participant
// ends on (it must be the facilitator's last).
//
// Options: --participants N (default 50), --changes N (default 100), --interval ms (default 200),
// --during-run (measure while the baseline runs — 4 replications of a year — instead of after
// it completed: the api then also fans out run progress and the model takes a core),
// --worker-nice N (the model threads' WORKER_NICE, default the shipped 10; 0 runs them at the
// api's priority, so on a small machine the model takes the cores the api and the participants need),
// --json (the figures as JSON on the last line).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import {
  WORKSHOP_CHARTS,
  type JoinAnswer,
  type Workshop,
  type WorkshopSnapshot,
  type WorkshopView,
} from '@caretwin/contracts';
import { BenchDeployment, cpuMs, rssMiB, workerNice } from './service-deployment';
import { percentile } from './service-fanout';
import { viewKey, type ParticipantsResult } from './workshop-clients';

const ROOT = resolve(__dirname, '..');
const CLIENTS_SCRIPT = join(__dirname, 'workshop-clients.ts');

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const participantCount = option('--participants', 50);
const changes = option('--changes', 100);
const intervalMs = option('--interval', 200);
const duringRun = args.includes('--during-run');
/** The worker's model threads at this nice (WORKER_NICE; the shipped 10 unless --worker-nice, as bench:service). */
const modelNice = workerNice(args);
const json = args.includes('--json');

const BASELINE = duringRun ? { replications: 4, horizonDays: 365 } : { replications: 2, horizonDays: 30 };
const AREAS = [null, 'sennan', 'sendai', 'osaki-kurihara', 'ishinomaki-tome-kesennuma'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const f1 = (x: number): string => x.toFixed(1);
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The k-th view: the panel changes every time, the area every 6 changes, the run (the baseline's
 * or none) every 30 — so no two views within 60 changes are alike, and each differs from the last.
 */
function viewAt(k: number, baselineRunId: string): WorkshopView {
  return {
    chart: WORKSHOP_CHARTS[k % WORKSHOP_CHARTS.length],
    area: AREAS[Math.floor(k / WORKSHOP_CHARTS.length) % AREAS.length],
    runId: Math.floor(k / (WORKSHOP_CHARTS.length * AREAS.length)) % 2 === 0 ? baselineRunId : null,
  };
}

async function waitForBaseline(url: string, id: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await call<WorkshopSnapshot>(url, 'GET', `/api/workshops/${id}`);
    const state = snapshot.board.baseline.state;
    if (state === 'completed' || state === 'failed' || state === 'cancelled') return state;
    if (Date.now() > until) return state;
    await sleep(500);
  }
}

function startParticipants(url: string, workshopId: string, tokens: string[]) {
  const child = fork(CLIENTS_SCRIPT, [url, workshopId], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`participants' process: no ${type} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`participants' process exited with ${code} before ${type}`));
      });
      child.on('message', (m: { type: string }) => {
        if (m.type !== type) return;
        clearTimeout(timer);
        resolve(m as T);
      });
    });
  const subscribed = next<{ type: 'subscribed' }>('subscribed', 60_000);
  child.send({ type: 'open', tokens });
  return {
    pid: child.pid as number,
    subscribed,
    finish: (): Promise<ParticipantsResult> => {
      const result = next<ParticipantsResult>('result', 30_000);
      child.send({ type: 'finish' });
      return result;
    },
    stop: (): void => {
      if (child.exitCode === null) child.kill();
    },
  };
}

async function bench(): Promise<Record<string, unknown>> {
  // Open access (loopback): the planner is the open admin; participants still carry their own
  // tokens. The request and join limits are lifted: 50 (or 200) participants behind one address
  // would otherwise share one counter, which is not what a room of laptops does.
  const deployment = await BenchDeployment.start('workshop', {
    AUTH_MODE: 'open',
    RATE_LIMIT_REQUESTS: '1000000',
    RATE_LIMIT_JOINS: '1000000',
    WORKER_NICE: String(modelNice),
  });
  let participants: ReturnType<typeof startParticipants> | undefined;
  try {
    const url = deployment.api.url;
    await deployment.addWorkers(1);
    const workshop = await call<Workshop>(url, 'POST', '/api/workshops', {
      title: 'bench: 仙台の回復期病床',
      question: '急性期を回復期へ転換すると転院待ちは減るか',
      baseline: { scenarioId: 'miyagi-2025-baseline', ...BASELINE },
      levers: [
        { kind: 'convertBeds', area: 'sendai', maxBeds: 300 },
        { kind: 'ambulances', maxChange: 10 },
      ],
    });
    const baselineState = duringRun ? 'running' : await waitForBaseline(url, workshop.id, 300_000);

    const joinTimes: number[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < participantCount; i++) {
      const t0 = performance.now();
      const answer = await call<JoinAnswer>(url, 'POST', '/api/workshops/join', {
        code: workshop.joinCode,
        name: `参加者 ${i + 1}`,
      });
      joinTimes.push(performance.now() - t0);
      tokens.push(answer.token);
    }

    participants = startParticipants(url, workshop.id, tokens);
    await participants.subscribed;
    const rssSubscribed = rssMiB(deployment.api.pid);
    const load0 = loadavg()[0];
    const cpu0 = { api: cpuMs(deployment.api.pid), participants: cpuMs(participants.pid) };

    // The facilitator's clicks: sent at a steady pace, each stamped as it leaves.
    const sent: Array<{ key: string; at: number }> = [];
    const putTimes: number[] = [];
    const pending: Array<Promise<void>> = [];
    const t0 = Date.now();
    for (let k = 0; k < changes; k++) {
      const view = viewAt(k, workshop.baseline.runId);
      const at = Date.now();
      sent.push({ key: viewKey(view), at });
      pending.push(
        call<WorkshopView>(url, 'PUT', `/api/workshops/${workshop.id}/view`, view).then(() => {
          putTimes.push(Date.now() - at);
        }),
      );
      const next = t0 + (k + 1) * intervalMs;
      await sleep(Math.max(0, next - Date.now()));
    }
    await Promise.all(pending);
    await sleep(2000); // the last frames
    const seconds = (Date.now() - t0) / 1000;
    const cpu = {
      api: (cpuMs(deployment.api.pid) - cpu0.api) / 1000,
      participants: (cpuMs(participants.pid) - cpu0.participants) / 1000,
    };
    const load = loadavg()[0];
    const rssEnd = rssMiB(deployment.api.pid);
    const result = await participants.finish();

    // Each arrival belongs to the latest PUT of that view sent before it (views repeat only 60
    // changes apart, seconds away).
    const delays: number[] = [];
    const apiDelays: number[] = [];
    let unmatched = 0;
    let complete = 0;
    let ordered = 0;
    for (const p of result.participants) {
      const got = new Set<number>();
      for (const [key, arrival, apiAt] of p.views) {
        let k = -1;
        for (let j = sent.length - 1; j >= 0; j--)
          if (sent[j].key === key && sent[j].at <= arrival) {
            k = j;
            break;
          }
        if (k < 0) {
          unmatched++;
          continue;
        }
        got.add(k);
        delays.push(arrival - sent[k].at);
        apiDelays.push(arrival - apiAt);
      }
      if (got.size === changes) complete++;
      if (p.applied.every((s, i) => i === 0 || s > p.applied[i - 1])) ordered++;
    }
    const received = result.participants.reduce((n, p) => n + p.views.length, 0);
    const lastKey = sent[sent.length - 1]?.key;
    const onLast = result.participants.filter((p) => p.finalView === lastKey).length;
    const stale = result.participants.reduce((n, p) => n + p.stale, 0);
    const gaps = result.participants.reduce((n, p) => n + p.gaps, 0);
    const refused = result.participants.flatMap((p) => p.refused);

    const figures = {
      participants: result.participants.length,
      changes,
      intervalMs,
      duringRun,
      modelNice,
      baseline: { ...BASELINE, state: baselineState },
      seconds,
      load: { start: load0, end: load },
      received,
      expected: changes * result.participants.length,
      participantsWithEveryChange: complete,
      participantsInOrder: ordered,
      participantsOnLastView: onLast,
      unmatched,
      stale,
      gaps,
      refused: refused.length,
      putToParticipantMs: {
        p50: percentile(delays, 50),
        p95: percentile(delays, 95),
        max: percentile(delays, 100),
        n: delays.length,
      },
      apiToParticipantMs: {
        p50: percentile(apiDelays, 50),
        p95: percentile(apiDelays, 95),
        max: percentile(apiDelays, 100),
      },
      putResponseMs: {
        p50: percentile(putTimes, 50),
        p95: percentile(putTimes, 95),
        max: percentile(putTimes, 100),
      },
      joinMs: {
        p50: percentile(joinTimes, 50),
        p95: percentile(joinTimes, 95),
        max: percentile(joinTimes, 100),
      },
      cpuSeconds: cpu,
      apiRssMiB: { subscribed: rssSubscribed, end: rssEnd },
    };
    console.log(
      `  ${participantCount} participants joined (POST /api/workshops/join: p50 ${ms(figures.joinMs.p50)}, p95 ${ms(figures.joinMs.p95)}); baseline ${BASELINE.replications} × ${BASELINE.horizonDays} days ${baselineState} when the changes began`,
    );
    console.log(
      `  ${changes} view changes, one every ${intervalMs} ms (${f1(seconds)} s); load average ${f1(load0)} → ${f1(load)}; CPU: api ${f1(cpu.api)} s, the participants' process ${f1(cpu.participants)} s`,
    );
    console.log(
      `  received ${received} of ${figures.expected} (changes × participants); every change: ${complete} of ${result.participants.length} participants; seq strictly increasing: ${ordered}; ending on the facilitator's last view: ${onLast}; ${stale} dropped as not newer, ${gaps} gaps, ${refused.length} refusals${refused.length ? ` (${refused[0]})` : ''}, ${unmatched} unmatched`,
    );
    console.log(
      `  PUT → participant delay: p50 ${ms(figures.putToParticipantMs.p50)}, p95 ${ms(figures.putToParticipantMs.p95)}, max ${ms(figures.putToParticipantMs.max)} over ${delays.length} arrivals`,
    );
    console.log(
      `  api event → participant:  p50 ${ms(figures.apiToParticipantMs.p50)}, p95 ${ms(figures.apiToParticipantMs.p95)}, max ${ms(figures.apiToParticipantMs.max)}; PUT answered: p50 ${ms(figures.putResponseMs.p50)}, p95 ${ms(figures.putResponseMs.p95)}`,
    );
    console.log(
      `  api memory (RSS): ${f1(rssSubscribed)} MiB with the participants subscribed, ${f1(rssEnd)} MiB at the end`,
    );
    return figures;
  } catch (error) {
    const api = deployment.api;
    console.error(
      `api ${api.running ? 'still running' : `exited (code ${api.child.exitCode}, signal ${api.child.signalCode})`}; last lines:`,
    );
    for (const line of api.lines.slice(-10)) console.error(`  ${JSON.stringify(line).slice(0, 500)}`);
    if (api.stderr.length) console.error(`  stderr: ${api.stderr.join('').slice(-3000)}`);
    throw error;
  } finally {
    participants?.stop();
    await deployment.stop();
  }
}

async function main(): Promise<void> {
  for (const app of ['api', 'worker'])
    if (!existsSync(join(ROOT, 'apps', app, 'dist', 'main.js'))) {
      console.error(`apps/${app}/dist is missing: run \`npm run build\` first (npm ci runs it).`);
      process.exit(1);
    }
  console.log(
    `caretwin workshop benchmark — ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.version}`,
  );
  console.log(
    `Follow mode: ${participantCount} participant sockets in a process of their own follow the facilitator's view${duringRun ? ` while the baseline runs (model threads at nice ${modelNice})` : ''}`,
  );
  const figures = await bench();
  if (json) console.log(JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
