// `caretwin compare <a> <b>`: what-if b against baseline a, KPI by KPI (b − a with its 95 % CI).
// Each side is a result (result.json, or a directory holding one) or a scenario (file or id),
// which is run first with the same options as `caretwin run`. Paired on common random numbers
// when seeds and replications match, otherwise Welch's unpaired interval — and the table says so.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareResults } from '@caretwin/model';
import type { Comparison } from '@caretwin/contracts';
import { ReplicationPool, type RunResultDocument } from '@caretwin/runner';
import { areaDifferencesTable } from '../output/area-table';
import { compareTable } from '../output/compare-table';
import { createProgress } from '../output/progress';
import { RESULT_FILE, resultFiles, writeResultDir } from '../output/result-dir';
import { watchInterrupts } from '../run/interrupt';
import { runLocally, RunInterruptedError } from '../run/local-run';
import { looksLikeFile } from '../scenario/scenario-argument';
import type { RunLikeOptions } from './options';
import {
  CommandError,
  defaultIO,
  describeRun,
  reportFailure,
  resolveForRun,
  threadsFor,
  type CommandIO,
} from './run';

export interface CompareCommandOptions extends RunLikeOptions {
  /** where to save the results of scenarios this command ran */
  out?: string;
}

/** A result read from disk or computed here; only provenance and replications are compared. */
type AnyResult = RunResultDocument<{ runId?: string }>;

type Side = { kind: 'result'; doc: AnyResult; path: string } | { kind: 'scenario'; argument: string };

/** A result file, a directory holding result.json, or else a scenario argument. */
export function readResultArgument(argument: string, cwd: string): Side {
  const path = resolve(cwd, argument);
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, RESULT_FILE) : path;
  if (!existsSync(file) || !statSync(file).isFile() || !file.endsWith('.json')) {
    if (existsSync(path) && statSync(path).isDirectory())
      throw new CommandError(`${argument}: a directory without ${RESULT_FILE}`);
    return { kind: 'scenario', argument };
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError(
      `${argument}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const doc = value as Partial<RunResultDocument> | null;
  if (
    doc &&
    typeof doc === 'object' &&
    doc.schemaVersion === 1 &&
    Array.isArray(doc.replications) &&
    doc.provenance &&
    doc.aggregate
  ) {
    return { kind: 'result', doc: doc as AnyResult, path: file };
  }
  // A JSON scenario file is a scenario, not a result.
  if (
    looksLikeFile(argument) &&
    doc &&
    typeof doc === 'object' &&
    !('replications' in doc && Array.isArray(doc.replications))
  )
    return { kind: 'scenario', argument };
  throw new CommandError(
    `${argument}: not a CareTwin result document (schemaVersion 1 with replications, provenance and aggregate)`,
  );
}

export interface CompareOutcome {
  comparison: Comparison;
  a: { scenarioId: string; source: string };
  b: { scenarioId: string; source: string };
}

export async function compareCommand(
  first: string,
  second: string,
  options: CompareCommandOptions,
  io: CommandIO = defaultIO(),
): Promise<number> {
  let progress: ReturnType<typeof createProgress> | undefined;
  const interrupt = watchInterrupts((name) =>
    (progress ?? { log: io.err }).log(`${name}: stopping the replications at their next simulated day…`),
  );
  let pool: ReplicationPool | undefined;
  try {
    const sides = [readResultArgument(first, io.cwd), readResultArgument(second, io.cwd)];
    // Resolve both scenarios before running either, so a typo in b does not cost a run of a.
    const resolvedSides = sides.map((side) =>
      side.kind === 'scenario' ? resolveForRun(side.argument, options, io).resolved : undefined,
    );
    const docs: AnyResult[] = [];
    const sources: string[] = [];
    for (let i = 0; i < 2; i++) {
      const side = sides[i];
      const resolved = resolvedSides[i];
      if (side.kind === 'result') {
        docs.push(side.doc);
        sources.push(side.path);
        continue;
      }
      if (!resolved) throw new Error('unreachable: a scenario side without its resolution');
      const threads = threadsFor(resolved, options);
      pool ??= new ReplicationPool({ threads });
      if (!options.json)
        io.err(`caretwin compare: running ${i === 0 ? 'a' : 'b'} = ${describeRun(resolved, pool.threads)}`);
      progress = createProgress({
        tty: io.tty,
        enabled: options.progress,
        label: `${i === 0 ? 'a' : 'b'} ${resolved.scenario.id}`,
      });
      try {
        const doc = await runLocally(resolved, {
          threads: pool.threads,
          pool,
          signal: interrupt.signal,
          ...progress,
        });
        docs.push(doc);
      } finally {
        progress.stop();
      }
      sources.push(`scenario ${side.argument}`);
    }
    const comparison = compareResults(docs[0].replications, docs[1].replications);
    const saved = options.out ? saveRuns(options.out, sides, docs, io.cwd) : [];
    const outcome: CompareOutcome = {
      comparison,
      a: { scenarioId: comparison.a.scenarioId, source: sources[0] },
      b: { scenarioId: comparison.b.scenarioId, source: sources[1] },
    };
    if (options.json) io.out(JSON.stringify(outcome, null, 2));
    else {
      for (const line of compareTable(comparison, { all: options.all })) io.out(line);
      if (options.areas || options.area !== undefined) {
        io.out('');
        const areas = docs[1].aggregate.flow.areas;
        for (const line of areaDifferencesTable(comparison, areas, { area: options.area })) io.out(line);
      }
      for (const dir of saved) io.out(`saved ${dir}/`);
    }
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
    await pool?.destroy();
    interrupt.dispose();
  }
}

/** Saves the runs this command computed as <out>/a-<id>/ and <out>/b-<id>/, for reuse. */
function saveRuns(out: string, sides: Side[], docs: AnyResult[], cwd: string): string[] {
  const saved: string[] = [];
  sides.forEach((side, i) => {
    if (side.kind !== 'scenario') return;
    const dir = resolve(cwd, out, `${i === 0 ? 'a' : 'b'}-${docs[i].provenance.scenario.id}`);
    writeResultDir(dir, resultFiles(docs[i]));
    saved.push(dir);
  });
  return saved;
}
