// The service benchmark (`npm run bench:service`, issue 9), on the BUILT apps as processes with
// their own redis-server (never the machine's):
//
// 1. Overhead: POST /api/runs → completion for Miyagi's baseline (one year after the 90-day
//    warm-up, 10 replications) with 1 and 2 worker processes (one replication thread each), vs
//    `caretwin run` doing the same work with 1 and 2 worker threads. Overhead = service ÷ CLI
//    − 1 on the least of several rounds: a running deployment's run (workers warm, its steady
//    state) vs the CLI's run (without starting node, loading the scenario and writing files), on
//    wall time and on CPU time (api + workers vs the CLI process) — the target, under 15 %; and
//    a fresh deployment's first run (everything cold) vs the whole CLI command, on wall time.
//    The results must be equal outside `execution`.
// 2. Fan-out: N socket.io clients (200, then 1,000, each on a fresh deployment) in child
//    processes of their own (service-clients.ts, never the service's or this process) subscribe
//    to one run (4 replications of a year on 2 worker processes); every client must receive the
//    completion and apply sequence numbers in strictly increasing order; p50/p95 of the delay
//    from a worker's report to a client holding it (target p95 under 250 ms for 200 clients) and
//    from the api sending an event to its arrival; the sizes of the messages (run.progress
//    deltas, snapshot); api memory (resident set) before, with the clients, and after they left.
//    Four clients are the typed client merging the band (they must end alike); the others keep
//    sequence numbers and state only (and re-subscribe on a gap), because a thousand band merges
//    would time the client processes, not the service.
//
// Options: --quick (4 replications of 90 days, one round; 50 clients on 2 replications),
// --repeat N (rounds of the overhead part; default 3), --only overhead|fanout,
// --clients N[,M…] (default 200,1000), --client-processes N (default 2), --worker-nice N (the
// model threads' WORKER_NICE in the fan-out, default the shipped 10; 0 runs them at the api's
// priority, so on a small machine they take the cores the api and the clients need), --json (figures as JSON on the last line). Wall times depend on what else runs: the load
// average is printed beside them, and CPU times measure the work itself.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Redis } from 'ioredis';
import { FINISHED_STATES, type RunView } from '@caretwin/contracts';
import { BenchDeployment, cpuMs, rssMiB, workerNice } from './service-deployment';
import { ClientProcesses, WorkerReports, percentile, workerDelays } from './service-fanout';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
/** Fan-out client counts, each on a fresh deployment: `--clients 200,1000` (the default; --quick: 50). */
const clientCounts = (
  args.includes('--clients') ? args[args.indexOf('--clients') + 1] : quick ? '50' : '200,1000'
)
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
/** Child processes the fan-out's clients are spread over (never the service's or this process). */
const clientProcesses = args.includes('--client-processes')
  ? Math.max(1, Number(args[args.indexOf('--client-processes') + 1]))
  : 2;
/** The fan-out workers' model threads at this nice (WORKER_NICE; the shipped 10 unless --worker-nice). */
const modelNice = workerNice(args);
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : quick ? 1 : 3;

const f1 = (x: number): string => x.toFixed(1);
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;
/** Clients of the fan-out that run the typed client with its band merges (the rest are light: see service-clients.ts). */
const FULL_CLIENTS = 4;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Json {
  [key: string]: unknown;
}

async function call<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  retried = false,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    // A kept-alive connection the server closed as we reused it: once more, on a new one.
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (!retried && method === 'GET' && code === 'UND_ERR_SOCKET')
      return call<T>(base, method, path, body, true);
    throw error;
  }
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function waitForEnd(base: string, id: string): Promise<RunView> {
  for (;;) {
    const run = await call<RunView>(base, 'GET', `/api/runs/${id}`);
    if (FINISHED_STATES.has(run.state)) {
      if (run.state !== 'completed') throw new Error(`run ${id} ended ${run.state}: ${run.error}`);
      return run;
    }
    await sleep(250);
  }
}

const withoutExecution = (doc: Json): Json => {
  const { execution: _execution, ...rest } = doc;
  return rest;
};

// ---------------------------------------------------------------------------------------------
// 1. Overhead

interface Figures {
  label: string;
  wallSeconds: number;
  cpuSeconds: number;
  /** the service's CPU split: the api's part (the rest is the workers') */
  apiCpuSeconds?: number;
  load: number;
}

const WORK = quick ? { replications: 4, horizonDays: 90 } : { replications: 10, horizonDays: 365 };

/** `caretwin run` as a child process; awaited (not spawnSync), so this process keeps serving its sockets meanwhile. */
async function cliRun(
  threads: number,
  out: string,
): Promise<{ figures: Figures; commandSeconds: number; result: Json }> {
  const load = loadavg()[0];
  const t0 = performance.now();
  const cliArgs = [
    'run',
    'miyagi-2025-baseline',
    '--replications',
    String(WORK.replications),
    '--days',
    String(WORK.horizonDays),
    '--workers',
    String(threads),
    '--out',
    out,
    '--json',
    '--no-progress',
  ];
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...cliArgs],
      { cwd: ROOT, maxBuffer: 1 << 28 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`caretwin run failed: ${error.message}\n${stderr}`)) : resolve(),
    );
  });
  const commandSeconds = (performance.now() - t0) / 1000;
  const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Json & {
    execution: { durationMs: number; cpuMs: number };
  };
  return {
    figures: {
      label: `CLI, ${threads} thread${threads === 1 ? '' : 's'}`,
      wallSeconds: result.execution.durationMs / 1000,
      cpuSeconds: result.execution.cpuMs / 1000,
      load,
    },
    commandSeconds,
    result,
  };
}

async function serviceRun(
  deployment: BenchDeployment,
  label: string,
): Promise<{ figures: Figures; result: Json }> {
  const load = loadavg()[0];
  const cpuBefore = deployment.cpuMs();
  const t0 = Date.now();
  const posted = await call<{ id: string }>(deployment.api.url, 'POST', '/api/runs', {
    scenarioId: 'miyagi-2025-baseline',
    ...WORK,
  });
  const run = await waitForEnd(deployment.api.url, posted.id);
  // Completion as the api stored it (same clock), not when the poll happened to look.
  const wallSeconds = (Date.parse(run.finishedAt as string) - t0) / 1000;
  const cpuAfter = deployment.cpuMs();
  const apiCpuSeconds = (cpuAfter.api - cpuBefore.api) / 1000;
  const cpuSeconds = apiCpuSeconds + (cpuAfter.workers - cpuBefore.workers) / 1000;
  const result = await call<Json>(deployment.api.url, 'GET', `/api/runs/${posted.id}/result`);
  return { figures: { label, wallSeconds, cpuSeconds, apiCpuSeconds, load }, result };
}

const median = (xs: number[]): number => percentile(xs, 50);
const least = (xs: number[]): number => Math.min(...xs);

function line(f: Figures): string {
  const split = f.apiCpuSeconds === undefined ? '' : ` (api ${f1(f.apiCpuSeconds)} s)`;
  return `  ${f.label.padEnd(40)} ${f1(f.wallSeconds).padStart(6)} s wall, ${f1(f.cpuSeconds).padStart(6)} s CPU${split}, load average ${f1(f.load)}`;
}

interface Overhead {
  wall: number;
  cpu: number;
  wallMedian: number;
  cpuMedian: number;
}

function overhead(service: Figures[], cli: Figures[]): Overhead {
  const ratio = (pick: (xs: number[]) => number, key: 'wallSeconds' | 'cpuSeconds'): number =>
    pick(service.map((f) => f[key])) / pick(cli.map((f) => f[key])) - 1;
  return {
    wall: ratio(least, 'wallSeconds'),
    cpu: ratio(least, 'cpuSeconds'),
    wallMedian: ratio(median, 'wallSeconds'),
    cpuMedian: ratio(median, 'cpuSeconds'),
  };
}

const describeOverhead = (o: Overhead): string =>
  `${pct(o.wall)} wall, ${pct(o.cpu)} CPU on the least times (medians ${pct(o.wallMedian)} wall, ${pct(o.cpuMedian)} CPU)`;

/**
 * Each round: the CLI run, then a fresh deployment's first run (its workers start cold, as the
 * CLI's threads do: the same work), then a second run on the same, now warm, workers (a
 * deployment's steady state). On a shared machine the least time of each is the one least
 * disturbed, so the overhead is taken on those, and shown on medians too.
 */
async function benchOverhead(): Promise<Json[]> {
  console.log(
    `Overhead: Miyagi baseline, ${WORK.replications} replications of ${WORK.horizonDays} days after the 90-day warm-up; ${repeat} rounds`,
  );
  const out: Json[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'caretwin-bench-cli-'));
  try {
    for (const k of [1, 2]) {
      const processes = `${k} worker process${k === 1 ? '' : 'es'}`;
      const cli: Figures[] = [];
      const cold: Figures[] = [];
      const warm: Figures[] = [];
      const commandSeconds: number[] = [];
      let same = true;
      for (let r = 0; r < repeat; r++) {
        const dir = join(scratch, `cli-${k}-${r}`);
        const c = await cliRun(k, dir);
        rmSync(dir, { recursive: true, force: true });
        cli.push(c.figures);
        commandSeconds.push(c.commandSeconds);
        console.log(line(c.figures));
        const deployment = await BenchDeployment.start(`overhead-${k}-${r}`);
        try {
          await deployment.addWorkers(k);
          for (const [list, label] of [
            [cold, `service, ${processes}, first run`],
            [warm, `service, ${processes}, next run`],
          ] as const) {
            const s = await serviceRun(deployment, label);
            same &&= isDeepStrictEqual(withoutExecution(s.result), withoutExecution(c.result));
            list.push(s.figures);
            console.log(line(s.figures));
          }
        } finally {
          await deployment.stop();
        }
      }
      // Steady state: warm workers vs the CLI's run (both without process start; the CLI's
      // threads start cold within it, which favours the service by about a second of CPU).
      const next = overhead(warm, cli);
      // Cold vs cold: a fresh deployment's first run (code loads, the api resolves its first
      // scenario) vs the whole CLI command (node starts, resolves, runs, writes the files).
      const commands = cli.map((f, i) => ({ ...f, wallSeconds: commandSeconds[i] }));
      const first = overhead(cold, commands);
      console.log(
        `    service overhead with ${processes}, next run vs the CLI's run: ${describeOverhead(next)} — target under 15 %: ${next.wall < 0.15 ? 'met' : 'NOT met'}`,
      );
      console.log(
        `    first run of a fresh deployment vs the whole CLI command (${f1(least(commandSeconds))} s at least): ${pct(first.wall)} wall on the least times (median ${pct(first.wallMedian)})`,
      );
      console.log(`    results equal outside execution: ${same ? 'yes' : 'NO'}`);
      out.push({
        workers: k,
        cli,
        cold,
        warm,
        cliCommandSeconds: commandSeconds,
        overheadNextRun: next,
        overheadFirstRunVsCommand: { wall: first.wall, wallMedian: first.wallMedian },
        resultsEqual: same,
      });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Fan-out

async function benchFanout(clientCount: number): Promise<Json> {
  const run = quick ? { replications: 2, horizonDays: 90 } : { replications: 4, horizonDays: 365 };
  console.log(
    `Fan-out: ${clientCount} socket.io clients in ${Math.min(clientProcesses, clientCount)} processes of their own on one run (${run.replications} replications of ${run.horizonDays} days, 2 worker processes, model threads at nice ${modelNice}); load average ${loadavg()
      .map(f1)
      .join(' / ')} at the start`,
  );
  const deployment = await BenchDeployment.start('fanout', { WORKER_NICE: String(modelNice) });
  let clients: ClientProcesses | undefined;
  let reports: WorkerReports | undefined;
  try {
    const url = deployment.api.url;
    await sleep(1000);
    const rssIdle = rssMiB(deployment.api.pid);
    // Queued before any worker runs, so every client holds the snapshot before the first day.
    const posted = await call<{ id: string }>(url, 'POST', '/api/runs', {
      scenarioId: 'miyagi-2025-baseline',
      ...run,
    });
    reports = await WorkerReports.listen(
      new Redis(deployment.redis.url),
      new Redis(deployment.redis.url),
      deployment.prefix,
      posted.id,
    );
    clients = ClientProcesses.start(url, posted.id, clientCount, clientProcesses, FULL_CLIENTS);
    await clients.subscribed(120_000);
    const rssSubscribed = rssMiB(deployment.api.pid);

    let rssPeak = rssSubscribed;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(deployment.api.pid))), 250);
    const t0 = Date.now();
    const load0 = loadavg()[0];
    const clientCpu = (): number =>
      (clients as ClientProcesses).pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
    const cpu0 = { clients: clientCpu(), api: cpuMs(deployment.api.pid) };
    await deployment.addWorkers(2);
    await waitForEnd(url, posted.id);
    // Every client's completion is at most a pass after the store's; a moment for the last frames.
    await sleep(3000);
    clearInterval(sampler);
    const seconds = (Date.now() - t0) / 1000;
    const cpu = {
      api: (cpuMs(deployment.api.pid) - cpu0.api) / 1000,
      clients: (clientCpu() - cpu0.clients) / 1000,
    };
    const load = loadavg()[0];
    const rssEnd = rssMiB(deployment.api.pid);
    const results = await clients.finish(60_000);
    await sleep(3000);
    const rssAfter = rssMiB(deployment.api.pid);

    const all = results.flatMap((r) => r.clients);
    const events = new Map(results.flatMap((r) => r.events));
    const progressBytes = results[0].progressBytes;
    const snapshotBytes = results[0].snapshotBytes;
    const completed = all.filter((c) => c.completed).length;
    const ordered = all.filter((c) => c.applied.every((s, i) => i === 0 || s > c.applied[i - 1])).length;
    const stale = all.reduce((n, c) => n + c.stale, 0);
    const gaps = all.reduce((n, c) => n + c.gaps, 0);
    const fullStates = all.filter((c) => c.full).map((c) => c.finalState);
    const fullAgree = fullStates.every((state) => state === fullStates[0]);
    const workerToClient = workerDelays(reports, events, all);
    const apiToClient = all.flatMap((c) => c.apiDelays);
    const perClient = all.reduce((n, c) => n + c.arrivals.length, 0) / all.length;
    const p = (xs: number[], q: number): string => `${percentile(xs, q).toFixed(0)} ms`;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const kib = (x: number): string => `${(x / 1024).toFixed(1)} KiB`;
    console.log(
      `  run took ${f1(seconds)} s from the workers' start; ${f1(perClient)} progress events per client; load average ${f1(load0)} → ${f1(load)} during it`,
    );
    console.log(
      `  message sizes (socket.io frames): run.progress mean ${kib(mean(progressBytes))}, p95 ${kib(percentile(progressBytes, 95))}, largest ${kib(Math.max(0, ...progressBytes))}; snapshot ${kib(Math.max(0, ...snapshotBytes))}`,
    );
    console.log(
      `  CPU during the run: api ${f1(cpu.api)} s, the ${clientCount} clients (their processes) ${f1(cpu.clients)} s`,
    );
    console.log(
      `  completion received by ${completed} of ${all.length} clients; applied sequence strictly increasing for ${ordered}; ${stale} messages dropped as not newer; ${gaps} gaps (then a new snapshot)`,
    );
    console.log(
      `  the ${fullStates.length} typed clients (band merged) end in the same state: ${fullAgree ? 'yes' : 'NO'}`,
    );
    console.log(
      `  worker → client delay: p50 ${p(workerToClient, 50)}, p95 ${p(workerToClient, 95)}, max ${p(workerToClient, 100)} over ${workerToClient.length} reports × clients — target p95 under 250 ms: ${percentile(workerToClient, 95) < 250 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  api → client delay:    p50 ${p(apiToClient, 50)}, p95 ${p(apiToClient, 95)}, max ${p(apiToClient, 100)}`,
    );
    console.log(
      `  api memory (RSS): ${f1(rssIdle)} MiB idle, ${f1(rssSubscribed)} MiB with ${clientCount} clients subscribed, peak ${f1(rssPeak)} MiB during the run, ${f1(rssEnd)} MiB at the end, ${f1(rssAfter)} MiB 3 s after they left`,
    );
    return {
      clients: clientCount,
      clientProcesses: results.length,
      ...run,
      seconds,
      load: { start: load0, end: load },
      completed,
      ordered,
      stale,
      gaps,
      fullClients: fullStates.length,
      fullAgree,
      eventsPerClient: perClient,
      progressBytes: {
        mean: mean(progressBytes),
        p95: percentile(progressBytes, 95),
        max: Math.max(0, ...progressBytes),
      },
      snapshotBytes: Math.max(0, ...snapshotBytes),
      cpuSeconds: cpu,
      workerToClientMs: {
        p50: percentile(workerToClient, 50),
        p95: percentile(workerToClient, 95),
        max: percentile(workerToClient, 100),
        n: workerToClient.length,
      },
      apiToClientMs: {
        p50: percentile(apiToClient, 50),
        p95: percentile(apiToClient, 95),
        max: percentile(apiToClient, 100),
        n: apiToClient.length,
      },
      apiRssMiB: { idle: rssIdle, subscribed: rssSubscribed, peak: rssPeak, end: rssEnd, after: rssAfter },
    };
  } catch (error) {
    // Say what the api said last, and how it ended if it did.
    const api = deployment.api;
    console.error(
      `api ${api.running ? 'still running' : `exited (code ${api.child.exitCode}, signal ${api.child.signalCode})`}; last lines:`,
    );
    for (const line of api.lines.slice(-10)) console.error(`  ${JSON.stringify(line).slice(0, 500)}`);
    if (api.stderr.length) console.error(`  stderr: ${api.stderr.join('').slice(-3000)}`);
    throw error;
  } finally {
    clients?.stop();
    await reports?.close();
    await deployment.stop();
  }
}

async function main(): Promise<void> {
  for (const app of ['api', 'worker', 'cli'])
    if (!existsSync(join(ROOT, 'apps', app, 'dist', 'main.js'))) {
      console.error(`apps/${app}/dist is missing: run \`npm run build\` first (npm ci runs it).`);
      process.exit(1);
    }
  console.log(
    `caretwin service benchmark${quick ? ' (quick)' : ''} — ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.version}`,
  );
  const overhead = only === 'fanout' ? [] : await benchOverhead();
  const fanout: Json[] = [];
  if (only !== 'overhead') for (const n of clientCounts) fanout.push(await benchFanout(n));
  if (json) console.log(JSON.stringify({ quick, overhead, fanout }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
