// `caretwin run <file|id>`: every replication of a scenario on worker threads, without Redis;
// a KPI table with 95 % CIs, and result.json plus CSV tables in the output directory.
import { resolve } from 'node:path';
import { formatIssues, ScenarioValidationError, type ResolvedScenario } from '@caretwin/scenario';
import {
  inputLabelLine,
  maxReplications,
  ReplicationFailedError,
  type RunResultDocument,
} from '@caretwin/runner';
import { areasTable } from '../output/area-table';
import { kpiTable } from '../output/kpi-table';
import { createProgress } from '../output/progress';
import { resultFiles, writeResultDir } from '../output/result-dir';
import { watchInterrupts } from '../run/interrupt';
import { planOf, runLocally, RunInterruptedError, type CliExecution } from '../run/local-run';
import { resolveScenarioArgument, type ResolvedArgument } from '../scenario/scenario-argument';
import { defaultWorkers, type RunLikeOptions } from './options';

export interface RunCommandOptions extends RunLikeOptions {
  out?: string;
}

export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stdout is a terminal (colours) */
  color: boolean;
  /** stderr is a terminal (progress bars) */
  tty: boolean;
  cwd: string;
}

export const defaultIO = (): CommandIO => ({
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  color: Boolean(process.stdout.isTTY),
  tty: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
});

/** A command's own failure, printed without a stack (exit 1). */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export function resolveForRun(argument: string, options: RunLikeOptions, io: CommandIO): ResolvedArgument {
  return resolveScenarioArgument(
    argument,
    {
      replications: options.replications,
      seed: options.seed,
      horizonDays: options.days,
      warmupDays: options.warmup,
    },
    { scenariosDir: options.scenarios, cwd: io.cwd },
  );
}

export function threadsFor(resolved: ResolvedScenario, options: RunLikeOptions): number {
  return options.workers ?? Math.max(1, Math.min(defaultWorkers(), maxReplications(planOf(resolved))));
}

export function describeRun(resolved: ResolvedScenario, threads: number): string {
  const s = resolved.scenario;
  const count = s.precision
    ? `up to ${s.precision.max} replications (until ${s.precision.kpi} ± ${s.precision.halfWidth})`
    : `${s.replications} replication${s.replications === 1 ? '' : 's'}`;
  return `${s.id}: ${count} × (${s.warmupDays} warm-up + ${s.horizonDays} days), seed ${s.seed}, ${threads} thread${threads === 1 ? '' : 's'}`;
}

/** Prints a scenario's problems, a failed replication or a command error; other errors propagate. */
export function reportFailure(error: unknown, io: CommandIO): number | undefined {
  if (error instanceof ScenarioValidationError) {
    io.err(formatIssues(error.body, { color: io.color }));
    return 1;
  }
  if (error instanceof ReplicationFailedError) {
    io.err(`${error.message}\n(the model refused this input; it will fail again the same way)`);
    return 1;
  }
  if (error instanceof CommandError) {
    io.err(error.message);
    return 1;
  }
  return undefined;
}

export async function runCommand(
  argument: string,
  options: RunCommandOptions,
  io: CommandIO = defaultIO(),
): Promise<number> {
  let progress: ReturnType<typeof createProgress> | undefined;
  const interrupt = watchInterrupts((name) =>
    (progress ?? { log: io.err }).log(`${name}: stopping the replications at their next simulated day…`),
  );
  try {
    const { resolved } = resolveForRun(argument, options, io);
    const threads = threadsFor(resolved, options);
    const outDir = resolve(io.cwd, options.out ?? `results/${resolved.scenario.id}`);
    if (!options.json) io.err(`caretwin run ${describeRun(resolved, threads)}`);
    progress = createProgress({ tty: io.tty, enabled: options.progress, label: resolved.scenario.id });

    let doc: RunResultDocument<CliExecution>;
    try {
      doc = await runLocally(resolved, { threads, signal: interrupt.signal, ...progress });
    } finally {
      progress.stop();
    }
    const files = writeResultDir(outDir, resultFiles(doc));
    printRunSummary(doc, outDir, files, options, io);
    return 0;
  } catch (error) {
    if (error instanceof RunInterruptedError || interrupt.exitCode !== undefined) {
      io.err('interrupted: nothing was written');
      return interrupt.exitCode ?? 130;
    }
    const code = reportFailure(error, io);
    if (code === undefined) throw error;
    return code;
  } finally {
    interrupt.dispose();
  }
}

function printRunSummary(
  doc: RunResultDocument<CliExecution>,
  outDir: string,
  files: string[],
  options: RunCommandOptions,
  io: CommandIO,
): void {
  const shownDir = outDir.startsWith(io.cwd + '/') ? outDir.slice(io.cwd.length + 1) : outDir;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          out: outDir,
          files,
          scenarioId: doc.provenance.scenario.id,
          seed: doc.provenance.seed,
          replications: doc.provenance.replications,
          kpis: doc.aggregate.kpis,
        },
        null,
        2,
      ),
    );
    return;
  }
  const e = doc.execution;
  const events = e.replications.reduce((s, r) => s + r.events, 0);
  io.out(
    `${doc.provenance.scenario.id}: ${doc.provenance.replications} replication${doc.provenance.replications === 1 ? '' : 's'} in ${(e.durationMs / 1000).toFixed(1)} s on ${e.threads} thread${e.threads === 1 ? '' : 's'}` +
      `${e.rounds > 1 ? ` (${e.rounds} rounds)` : ''}, ${(events / 1e6).toFixed(1)} M events, peak memory ${(e.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  if (!doc.aggregate.conservationConsistent)
    io.out('warning: a replication failed its conservation census (see result.json census)');
  io.out('');
  for (const line of kpiTable(doc.aggregate, { all: options.all })) io.out(line);
  if (options.areas || options.area !== undefined) {
    io.out('');
    for (const line of areasTable(doc.aggregate, { area: options.area })) io.out(line);
  }
  for (const warning of doc.warnings ?? []) io.out(`warning: ${warning}`);
  io.out('');
  io.out(inputLabelLine(doc.provenance.inputs));
  io.out(`wrote ${shownDir}/: ${files.join(', ')}`);
}
