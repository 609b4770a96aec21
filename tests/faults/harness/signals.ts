// Signals sent for real to processes a test started, and how long they took to exit.
import type { ChildProcess } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves when the child has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export interface TimedExit extends Exit {
  /** from the signal to the exit, as seen by the test */
  elapsedMs: number;
}

/**
 * Sends `signal` and waits for the exit; after `giveUpMs` the process is SIGKILLed (so a test
 * that fails never leaves it behind) and the elapsed time tells the test it overran.
 */
export async function signalAndWait(
  child: ChildProcess,
  signal: NodeJS.Signals,
  giveUpMs = 60_000,
): Promise<TimedExit> {
  const started = Date.now();
  const exited = exitOf(child);
  child.kill(signal);
  const guard = setTimeout(() => child.kill('SIGKILL'), giveUpMs);
  try {
    const exit = await exited;
    return { ...exit, elapsedMs: Date.now() - started };
  } finally {
    clearTimeout(guard);
  }
}

/** SIGKILL to a whole process group (a process started detached leads its own group). */
export async function killGroup(child: ChildProcess): Promise<Exit> {
  const exited = exitOf(child);
  if (child.pid === undefined) throw new Error('process has no pid');
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: the group is gone already
  }
  return exited;
}
