// Ctrl-C (SIGINT) and SIGTERM during a long command: the first asks the replications to stop at
// their next simulated day (the pool is then destroyed and nothing is written); a second one
// exits at once. Exit codes follow the shell's convention: 128 + signal number.
export const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof EXIT_CODES;

export interface Interrupt {
  readonly signal: AbortSignal;
  /** 130 or 143 once a signal arrived */
  readonly exitCode: number | undefined;
  dispose(): void;
}

export function watchInterrupts(onFirst: (name: HandledSignal) => void): Interrupt {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handlers = new Map<HandledSignal, () => void>();
  for (const name of Object.keys(EXIT_CODES) as HandledSignal[]) {
    const handler = (): void => {
      if (exitCode !== undefined) process.exit(exitCode);
      exitCode = EXIT_CODES[name];
      onFirst(name);
      controller.abort(new Error(`${name} received`));
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
