// The model benchmark (`npm run bench:model`, issue 6), on the BUILT `caretwin` command in
// child processes, so each figure is what a user gets and peak memory is per run:
//
// 1. Miyagi baseline: one year after the 90-day warm-up, 10 replications, with 1 and 2 worker
//    threads: wall time, CPU time, events per second, peak memory (main and threads: the
//    process's maximum resident set). Target: under 10 s with 2 workers.
// 2. A synthetic Japan-size region (330 areas, 125 million people, 8,000 hospitals, about 15 M
//    admissions a year and 1.2 million patients in beds, started warm), one simulated year, one
//    replication, under `node --cpu-prof`: the same figures plus the top functions of the
//    replication thread. Target: under 120 s and 4 GiB.
//
// Options: --quick (4 Miyagi replications of 90 days; Japan 30 days), --only miyagi|japan,
// --json (figures as JSON on the last line). Wall times depend on what else runs: the load
// average is printed beside them, and CPU seconds measure the work itself.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatSummary, summariseProfile, type ProfileSummary } from './model-profile';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js');
const CACHE = join(ROOT, 'node_modules', '.cache', 'caretwin-bench');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

/**
 * The template's (Miyagi's) admission rates give Japan's 15 M admissions a year (病院報告: 15.6 M
 * in 2023), and its stays, which leave out psychiatric and the longest chronic stays, put 0.84 M
 * in beds; stays × 1.44 put 1.2 M there (患者調査 2020: 1.21 M inpatients), in 12 beds per 1,000.
 */
const JAPAN = { areas: 330, population: 125_000_000, hospitals: 8000, bedsPer1000: 12, stayMultiplier: 1.44 };

interface RunFigures {
  label: string;
  workers: number;
  replications: number;
  simulatedDays: number;
  /** the run itself (replications on the pool), from the result's execution block */
  runSeconds: number;
  /** the whole command: start-up, loading and resolving the scenario, the run, writing results */
  processSeconds: number;
  cpuSeconds: number;
  events: number;
  eventsPerSecond: number;
  eventsPerCpuSecond: number;
  peakRssMiB: number;
  loadAverage: number;
  patientsInBedsAtStart?: number;
  patientsInBedsAtEnd?: number;
  admissions?: number;
  profile?: ProfileSummary;
}

interface Execution {
  durationMs: number;
  cpuMs: number;
  peakRssBytes: number;
  threads: number;
  replications: Array<{ events: number }>;
}

function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'apps', 'cli', 'dist', 'main.js'))) {
    console.error('apps/cli/dist is missing: run `npm run build` first (npm ci runs it).');
    process.exit(1);
  }
}

function caretwin(
  cliArgs: string[],
  options: { cwd: string; nodeArgs?: string[] },
): { seconds: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...cliArgs], {
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`caretwin ${cliArgs.join(' ')} exited with ${r.status ?? r.signal}`);
  }
  return { seconds, stdout: r.stdout };
}

function figuresOf(label: string, outDir: string, processSeconds: number, load: number): RunFigures {
  const doc = JSON.parse(readFileSync(join(outDir, 'result.json'), 'utf8')) as {
    execution: Execution;
    provenance: { scenario: { warmupDays: number; horizonDays: number } };
    replications: Array<{
      kpis: Record<string, number>;
      census: { generated: { initial: number }; inSystem: { inBed: number; blocked: number } };
    }>;
  };
  const e = doc.execution;
  const events = e.replications.reduce((s, r) => s + r.events, 0);
  const { warmupDays, horizonDays } = doc.provenance.scenario;
  const first = doc.replications[0].census;
  return {
    label,
    workers: e.threads,
    replications: e.replications.length,
    simulatedDays: warmupDays + horizonDays,
    runSeconds: e.durationMs / 1000,
    processSeconds,
    cpuSeconds: e.cpuMs / 1000,
    events,
    eventsPerSecond: events / (e.durationMs / 1000),
    eventsPerCpuSecond: events / (e.cpuMs / 1000),
    peakRssMiB: e.peakRssBytes / 2 ** 20,
    loadAverage: load,
    patientsInBedsAtStart: first.generated.initial,
    patientsInBedsAtEnd: first.inSystem.inBed + first.inSystem.blocked,
    admissions: doc.replications[0].kpis['admissions'],
  };
}

const f1 = (x: number) => x.toFixed(1);
const m = (x: number) => `${(x / 1e6).toFixed(2)} M`;

function printRun(r: RunFigures): void {
  console.log(
    `  ${r.label}: ${r.replications} × ${r.simulatedDays} days on ${r.workers} worker${r.workers === 1 ? '' : 's'} — run ${f1(r.runSeconds)} s (command ${f1(r.processSeconds)} s), ` +
      `CPU ${f1(r.cpuSeconds)} s, ${m(r.events)} events, ${m(r.eventsPerSecond)} events/s (${m(r.eventsPerCpuSecond)} per CPU-second), peak memory ${r.peakRssMiB.toFixed(0)} MiB, load average ${r.loadAverage.toFixed(1)}`,
  );
}

function benchMiyagi(work: string): RunFigures[] {
  const reps = quick ? 4 : 10;
  const extra = quick ? ['--days', '90'] : [];
  console.log(`Miyagi baseline: ${reps} replications, ${quick ? '90' : '365'} days after the 90-day warm-up`);
  const out: RunFigures[] = [];
  for (const workers of [1, 2]) {
    const dir = join(work, `miyagi-${workers}`);
    const load = loadavg()[0];
    const { seconds } = caretwin(
      [
        'run',
        'miyagi-2025-baseline',
        '--replications',
        String(reps),
        ...extra,
        '--workers',
        String(workers),
        '--out',
        dir,
        '--json',
        '--no-progress',
      ],
      { cwd: work },
    );
    const r = figuresOf(`Miyagi ${workers} worker${workers === 1 ? '' : 's'}`, dir, seconds, load);
    printRun(r);
    out.push(r);
  }
  const two = out[1];
  console.log(
    `  target: under 10 s with 2 workers — ${two.runSeconds < 10 ? 'met' : 'NOT met'} (run ${f1(two.runSeconds)} s)`,
  );
  return out;
}

/** The synthetic Japan-size scenarios directory, made once and kept in node_modules/.cache. */
function japanRegion(): { dir: string; synthSeconds?: number } {
  // Keyed by the sizes and the generator's code (and the template it reads), so a change to
  // either makes a new one; rebuilds that change nothing keep it.
  const hash = createHash('sha256');
  for (const file of [
    'apps/cli/src/synth/synthetic-region.ts',
    'apps/cli/src/synth/write-scenarios-dir.ts',
    'scenarios/data/miyagi/conditions.yaml',
    'scenarios/data/miyagi/hospitals.yaml',
  ])
    hash.update(readFileSync(join(ROOT, file)));
  const key = `japan-${JAPAN.areas}-${JAPAN.population}-${JAPAN.hospitals}-${JAPAN.bedsPer1000}-${hash.digest('hex').slice(0, 12)}`;
  const dir = join(CACHE, key);
  if (existsSync(join(dir, 'japan-baseline.yaml'))) return { dir };
  if (existsSync(CACHE))
    for (const stale of readdirSync(CACHE))
      if (stale.startsWith('japan-')) rmSync(join(CACHE, stale), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const synth = caretwin(
    [
      'synth',
      '--areas',
      String(JAPAN.areas),
      '--population',
      String(JAPAN.population),
      '--hospitals',
      String(JAPAN.hospitals),
      '--beds-per-1000',
      String(JAPAN.bedsPer1000),
      '--id',
      'japan',
      '--out',
      '.',
    ],
    { cwd: dir },
  );
  return { dir, synthSeconds: synth.seconds };
}

function benchJapan(work: string): RunFigures {
  const days = quick ? 30 : 365;
  console.log(
    `Japan-size synthetic region: ${JAPAN.areas} areas, ${(JAPAN.population / 1e6).toFixed(0)} M people, ${JAPAN.hospitals} hospitals, ${JAPAN.bedsPer1000} beds per 1,000, stays × ${JAPAN.stayMultiplier}, started warm; ${days} days, one replication`,
  );
  const { dir, synthSeconds } = japanRegion();
  if (synthSeconds !== undefined) console.log(`  synthesised in ${f1(synthSeconds)} s (kept in ${dir})`);
  // No warm-up: the census starts at its expected level in every bed pool.
  writeFileSync(
    join(dir, 'japan-bench.yaml'),
    [
      'id: japan-bench',
      'name: {ja: 日本規模 性能測定, en: Japan-size benchmark}',
      'description: {ja: 性能測定用の合成シナリオ, en: synthetic benchmark scenario}',
      'extends: japan-baseline',
      'warmupDays: 0',
      `horizonDays: ${days}`,
      'replications: 1',
      'policies:',
      `  - {kind: lengthOfStay, multiplier: ${JAPAN.stayMultiplier}}`,
      '',
    ].join('\n'),
  );
  const out = join(work, 'japan');
  const profiles = join(work, 'profiles');
  const load = loadavg()[0];
  const { seconds } = caretwin(
    ['run', join(dir, 'japan-bench.yaml'), '--workers', '1', '--out', out, '--json', '--no-progress'],
    {
      cwd: work,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
    },
  );
  const r = figuresOf('Japan-size', out, seconds, load);
  // The replication thread's profile is the one with most samples (the main thread mostly waits).
  const summaries = readdirSync(profiles).map((name) => summariseProfile(join(profiles, name), 20));
  r.profile = summaries.sort((a, b) => b.totalMs - a.totalMs)[0];
  printRun(r);
  console.log(
    `  patients in beds: ${(r.patientsInBedsAtStart! / 1e6).toFixed(2)} M at the start, ${(r.patientsInBedsAtEnd! / 1e6).toFixed(2)} M at the end; ${(r.admissions! / 1e6).toFixed(1)} M admissions`,
  );
  console.log(
    `  loading and resolving the region, writing the result: ${f1(r.processSeconds - r.runSeconds)} s of the command`,
  );
  const perYear = (r.runSeconds * 365) / days;
  console.log(
    `  target: under 120 s and 4 GiB for a year — ${perYear < 120 && r.peakRssMiB < 4096 ? 'met' : 'NOT met'} (${quick ? `about ${f1(perYear)} s a year at this pace` : `${f1(r.runSeconds)} s`}, ${r.peakRssMiB.toFixed(0)} MiB)`,
  );
  if (r.profile) for (const line of formatSummary(r.profile)) console.log(line);
  return r;
}

function main(): void {
  ensureBuilt();
  const work = join(tmpdir(), `caretwin-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  console.log(
    `caretwin model benchmark${quick ? ' (quick)' : ''} — ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.version}`,
  );
  try {
    const miyagi = only === 'japan' ? [] : benchMiyagi(work);
    const japan = only === 'miyagi' ? undefined : benchJapan(work);
    if (json) console.log(JSON.stringify({ quick, miyagi, japan }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
