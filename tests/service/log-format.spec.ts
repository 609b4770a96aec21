// A newcomer's first run (issue 14): `npm start` in a terminal says where the dashboard is and how
// to stop, in one plain line, then readable logs; asked for JSON (LOG_FORMAT=json) every line is
// JSON even there. The terminal is a real pseudo-terminal from util-linux `script`, so
// LOG_FORMAT=auto sees a TTY exactly as it does for a person, and Ctrl-C is a real keystroke.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { derivePrefix } from '../../config/src/load';
import { ensureBuilt, ROOT } from './harness/build';
import { acquireRedis, type TestRedis } from './harness/redis';

const URL_LINE = /^CareTwin is running at (http:\/\/127\.0\.0\.1:\d+)\/ — press Ctrl-C to stop$/m;
// eslint-disable-next-line no-control-regex -- colours, when the terminal asks for them
const ANSI = /\x1b\[[0-9;]*m/g;

interface Terminal {
  child: ChildProcess;
  /** everything the terminal showed, without carriage returns and colours */
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** types Ctrl-C and answers the exit code */
  interrupt(): Promise<number | null>;
}

/** `node scripts/start.mjs` on a pseudo-terminal: `script` gives it one and relays what it prints. */
function startInTerminal(env: Record<string, string>): Terminal {
  // exec: node itself is the terminal's foreground process, as under a person's shell.
  const child = spawn('script', ['-qfec', `exec "${process.execPath}" scripts/start.mjs`, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((w) => w());
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(wake);
  const output = (): string => raw.replace(/\r/g, '').replace(ANSI, '');
  return {
    child,
    output,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms`)), timeoutMs);
        const check = (): void => {
          const match = output().match(pattern);
          if (match) done(undefined, match);
          else if (child.exitCode !== null) done(new Error(`exited (${child.exitCode}) before ${pattern}`));
        };
        const done = (error?: Error, match?: RegExpMatchArray): void => {
          clearTimeout(timer);
          waiters.delete(check);
          if (match) resolve(match);
          else reject(new Error(`${error?.message}; the terminal showed:\n${output().slice(-3000)}`));
        };
        waiters.add(check);
        check();
      }),
    interrupt: () => {
      child.stdin?.write('\x03');
      return exited;
    },
  };
}

describe('npm start on a terminal', () => {
  let redis: TestRedis;
  let dir: string;
  let terminal: Terminal | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    redis = await acquireRedis();
    dir = mkdtempSync(join(tmpdir(), 'caretwin-log-format-'));
  }, 180_000);

  afterEach(() => {
    // A failed case may leave it running; its pseudo-terminal closing hangs up on node too.
    if (terminal?.child.exitCode === null) terminal.child.kill('SIGKILL');
    terminal = undefined;
  });

  afterAll(async () => {
    // On a shared REDIS_URL only this suite's keys go: each data dir derives its own prefix.
    await redis?.release(['pretty', 'json'].map((name) => derivePrefix(join(dir, name))));
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (name: string): Record<string, string> => ({
    NODE_ENV: 'test',
    DATA_DIR: join(dir, name),
    REDIS_URL: redis.url,
    REDIS_START_PRIVATE: 'never',
    PORT: '0',
    WORKER_THREADS: '1',
    LOG_LEVEL: 'info',
  });

  it('prints one plain line with the dashboard URL and how to stop, readable logs, and stops on Ctrl-C', async () => {
    terminal = startInTerminal(settings('pretty'));
    const [line, url] = await terminal.waitFor(URL_LINE);
    expect(line).not.toMatch(/^\[|INFO|{/); // plain: no time, level or fields

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');

    expect(await terminal.interrupt()).toBe(0);
    const lines = terminal
      .output()
      .split('\n')
      .map((l) => l.replace(/^\^C/, '')) // the terminal echoes the keystroke
      .filter((l) => l.trim() !== '');
    const logLines = lines.filter((l) => l !== line);
    expect(logLines.length).toBeGreaterThan(0);
    for (const l of logLines)
      expect(l).toMatch(/^\[\d\d:\d\d:\d\d\] (INFO|WARN) \((api|worker|caretwin)\): /);
    expect(logLines.some((l) => l.includes('INFO (api): api listening'))).toBe(true);
    expect(logLines.some((l) => l.includes('shutdown requested'))).toBe(true);
    // Concise: Nest's per-module and per-route lines are at debug.
    expect(lines.filter((l) => /Mapped \{|dependencies initialized/.test(l))).toEqual([]);
  }, 120_000);

  it('writes nothing but JSON lines when LOG_FORMAT=json, even on a terminal', async () => {
    terminal = startInTerminal({ ...settings('json'), LOG_FORMAT: 'json' });
    await terminal.waitFor(/"msg":"CareTwin is up: http:\/\/127\.0\.0\.1:\d+"/);
    expect(await terminal.interrupt()).toBe(0);

    const lines = terminal
      .output()
      .split('\n')
      .map((l) => l.replace(/^\^C/, '')) // the terminal echoes the keystroke
      .filter((l) => l.trim() !== '');
    const parsed = lines.map((l) => JSON.parse(l) as { level: number; time: number; msg: string });
    for (const entry of parsed)
      expect(entry).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    expect(parsed.map((e) => e.msg)).toEqual(expect.arrayContaining(['api listening', 'shutdown requested']));
    expect(terminal.output()).not.toMatch(URL_LINE);
  }, 120_000);
});
