// Runs the BUILT `caretwin` (apps/cli/bin/caretwin.js, as `npx caretwin` does) as a child
// process, in a temporary working directory per test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt as ensureAllBuilt, ROOT } from '../service/harness/build';

export { ROOT };
export const BIN = join(ROOT, 'apps', 'cli', 'bin', 'caretwin.js');

/** What the CLI runs on: these workspaces compiled by swc (scripts/build.mjs). */
const CLI_WORKSPACES = [
  'libs/engine',
  'libs/scenario',
  'libs/contracts',
  'libs/model',
  'libs/runner',
  'libs/census',
  'config',
  'store',
  'apps/cli',
];

function newest(dir: string, suffix: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith(suffix) && !e.name.endsWith('.spec.ts'))
      t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

function cliBuilt(): boolean {
  return CLI_WORKSPACES.every((ws) => {
    const dist = join(ROOT, ws, 'dist');
    return existsSync(dist) && newest(dist, '.js') >= newest(join(ROOT, ws, 'src'), '.ts');
  });
}

/**
 * Builds the repository (once, shared with the service tests). A workspace the CLI does not use
 * failing to bundle (the dashboard, mid-edit) does not stop these tests when the CLI's own
 * workspaces were compiled.
 */
export async function ensureBuilt(): Promise<void> {
  try {
    await ensureAllBuilt();
  } catch (error) {
    if (!cliBuilt()) throw error;
  }
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** resolves when stderr or stdout has printed text matching `pattern` */
  printed(pattern: RegExp): Promise<void>;
  done: Promise<Finished>;
}

export function start(args: string[], cwd: string): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const check = (): void => {
    for (const w of [...waiters])
      if (w.pattern.test(stdout) || w.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout?.on('data', (d: Buffer) => ((stdout += d.toString('utf8')), check()));
  child.stderr?.on('data', (d: Buffer) => ((stderr += d.toString('utf8')), check()));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    printed: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        done.then(
          () => reject(new Error(`exited before printing ${pattern}:\n${stdout}\n${stderr}`)),
          reject,
        );
      }),
  };
}

export function caretwin(args: string[], cwd: string): Promise<Finished> {
  return start(args, cwd).done;
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `caretwin-cli-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A result document without its `execution` block (what must not depend on how it was run). */
export function withoutExecution(text: string): unknown {
  const { execution: _execution, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}
