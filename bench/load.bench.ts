// The load benchmark (`npm run bench:load`, issue 17), on the BUILT api and one worker process
// with their own redis-server and the shipped defaults (rate limits, run caps and queue cap
// included): for --duration seconds, --clients closed-loop clients post small runs (Miyagi's
// baseline, one replication of 7 days after 2 of warm-up, seeds 1–20) while --sockets socket.io
// clients watch the runs accepted so far and /health is probed every 200 ms. Then it waits for
// the queue to drain (bounded) and reports requests served, latency p50/p95/p99, answers by
// status (only 202, 429 and 503 are allowed), runs accepted = runs completed, socket events
// received, /health p99 and the api's resident memory before and after.
//
// Options: --duration S (default 60), --clients N (100), --sockets N (300), --drain S (most
// seconds to wait for the queue, default 600), --json (figures as JSON on the last line).
// Wall-clock figures depend on what else runs: the load average is printed beside them.
import { loadavg } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents, ClientToServerEvents } from '@caretwin/contracts';
import { BenchDeployment, rssMiB } from './service-deployment';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const durationS = option('--duration', 60);
const clients = option('--clients', 100);
const sockets = option('--sockets', 300);
const drainS = option('--drain', 600);
const json = args.includes('--json');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function main(): Promise<void> {
  const load = loadavg()[0];
  const deployment = await BenchDeployment.start('load');
  try {
    await deployment.addWorkers(1);
    const { url } = deployment.api;
    // One request first: the resolver threads load the region and mathjs.
    await fetch(`${url}/api/scenarios/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extends: 'miyagi-2025-baseline' }),
    }).then((r) => r.text());
    const rssBefore = rssMiB(deployment.api.pid);

    const accepted: string[] = [];
    const byStatus = new Map<number, number>();
    const byCode = new Map<string, number>();
    const latencies: number[] = [];
    const health: number[] = [];
    let stop = false;

    // Sockets: each watches the newest accepted run, and the next newest when its run ends.
    let socketEvents = 0;
    let socketErrors = 0;
    let connected = 0;
    const open: ClientSocket[] = [];
    const watch = (socket: ClientSocket): void => {
      const runId = accepted[accepted.length - 1];
      if (!runId || stop) {
        if (!stop) setTimeout(() => watch(socket), 500);
        return;
      }
      socket.emit('run.subscribe', { runId }, (reply) => {
        if ('error' in reply) socketErrors++;
        else socketEvents++;
      });
    };
    for (let i = 0; i < sockets; i++) {
      const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true });
      socket.on('connect', () => {
        connected++;
        watch(socket);
      });
      socket.on('connect_error', () => socketErrors++);
      socket.on('run.progress', () => socketEvents++);
      for (const end of ['run.completed', 'run.failed', 'run.cancelled'] as const)
        socket.on(end, () => {
          socketEvents++;
          watch(socket);
        });
      open.push(socket);
    }

    const prober = (async () => {
      while (!stop) {
        const started = performance.now();
        await fetch(`${url}/health`)
          .then((r) => r.text())
          .catch(() => undefined);
        health.push(performance.now() - started);
        await sleep(200);
      }
    })();

    // /metrics resets the api's event-loop delay histogram on every scrape: this one starts it.
    const lagOf = async (): Promise<{ p99: number; max: number }> => {
      const text = await fetch(`${url}/metrics`).then((r) => r.text());
      const read = (name: string): number =>
        Math.round(
          Number(
            new RegExp(`^caretwin_api_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1],
          ) * 1000,
        );
      return { p99: read('p99'), max: read('max') };
    };
    await lagOf();
    const started = Date.now();
    const deadline = started + durationS * 1000;
    const client = async (c: number): Promise<void> => {
      for (let n = 0; Date.now() < deadline; n++) {
        const body = JSON.stringify({
          scenarioId: 'miyagi-2025-baseline',
          replications: 1,
          horizonDays: 7,
          seed: 1 + ((c + n) % 20),
          overrides: { warmupDays: 2 },
        });
        const t0 = performance.now();
        try {
          const response = await fetch(`${url}/api/runs`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          const reply = (await response.json()) as { id?: string; code?: string };
          latencies.push(performance.now() - t0);
          byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
          if (reply.code) byCode.set(reply.code, (byCode.get(reply.code) ?? 0) + 1);
          if (response.status === 202 && reply.id) accepted.push(reply.id);
          // A refused client waits as it is told before trying again (at most a second here).
          const retry = Number(response.headers.get('retry-after') ?? 0);
          if (response.status === 429 || response.status === 503) await sleep(Math.min(1000, retry * 1000));
        } catch {
          byStatus.set(0, (byStatus.get(0) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
    const elapsedS = (Date.now() - started) / 1000;
    const lagMs = await lagOf();

    // Drain: every accepted run must complete.
    const drainStarted = Date.now();
    let completed = 0;
    let unfinished = accepted.length;
    while (Date.now() - drainStarted < drainS * 1000) {
      // The deployment is this benchmark's own: every completed run is one it posted.
      const list = (await fetch(`${url}/api/runs?state=completed&limit=1`).then((r) => r.json())) as {
        total?: number;
      };
      const done = list.total ?? completed;
      completed = done;
      unfinished = accepted.length - done;
      if (unfinished === 0) break;
      await sleep(2000);
    }
    const drainedS = (Date.now() - drainStarted) / 1000;
    stop = true;
    await prober;
    for (const socket of open) socket.close();
    await sleep(1000);
    const rssAfter = rssMiB(deployment.api.pid);

    const served = latencies.length;
    const allowed = new Set([202, 429, 503]);
    const errors = [...byStatus].filter(([status]) => !allowed.has(status)).reduce((s, [, n]) => s + n, 0);
    const figures = {
      durationS: Math.round(elapsedS),
      clients,
      sockets,
      socketsConnected: connected,
      loadAverage: Math.round(load * 10) / 10,
      requestsServed: served,
      requestsPerSecond: Math.round((served / elapsedS) * 10) / 10,
      latencyMs: {
        p50: Math.round(percentile(latencies, 0.5)),
        p95: Math.round(percentile(latencies, 0.95)),
        p99: Math.round(percentile(latencies, 0.99)),
      },
      byStatus: Object.fromEntries(byStatus),
      byCode: Object.fromEntries(byCode),
      errors,
      runsAccepted: accepted.length,
      runsCompleted: completed,
      drainS: Math.round(drainedS),
      socketEvents,
      socketErrors,
      healthMs: { p50: Math.round(percentile(health, 0.5)), p99: Math.round(percentile(health, 0.99)) },
      apiEventLoopLagMs: lagMs,
      apiRssMiB: { before: Math.round(rssBefore), after: Math.round(rssAfter) },
    };
    console.log(
      [
        `bench:load — ${durationS} s, ${clients} clients posting runs, ${sockets} sockets watching (load average ${figures.loadAverage} at start)`,
        `  requests served    ${served} (${figures.requestsPerSecond}/s); latency p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms, p99 ${figures.latencyMs.p99} ms`,
        `  answers            ${JSON.stringify(figures.byStatus)} ${JSON.stringify(figures.byCode)}; errors (not 202/429/503): ${errors}`,
        `  runs               accepted ${accepted.length}, completed ${completed} (queue drained in ${figures.drainS} s)`,
        `  sockets            ${connected} connected, ${socketEvents} events and acks, ${socketErrors} errors`,
        `  /health            p50 ${figures.healthMs.p50} ms, p99 ${figures.healthMs.p99} ms under load (timed by this process, itself busy)`,
        `  api event loop     lag p99 ${lagMs.p99} ms, max ${lagMs.max} ms during the load (its own /metrics)`,
        `  api memory (RSS)   ${figures.apiRssMiB.before} MiB before, ${figures.apiRssMiB.after} MiB after`,
      ].join('\n'),
    );
    if (json) console.log(JSON.stringify(figures));
    if (errors > 0 || completed !== accepted.length) process.exitCode = 1;
  } finally {
    await deployment.stop();
  }
}

void main();
