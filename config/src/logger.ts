// JSON logs (pino) for every process, and an adapter with the shape Nest's LoggerService
// expects, so framework messages land in the same stream. Lines about a run carry `runId`.
import pino, { type Logger } from 'pino';
import type { AppConfig } from './load';

export type { Logger } from 'pino';

export function createLogger(config: Pick<AppConfig, 'log'>, name: string): Logger {
  return pino({ name, level: config.log.level, base: { pid: process.pid, service: name } });
}

/** Structural Nest LoggerService over pino (this package does not import Nest). */
export class PinoNestLogger {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    // Nest passes the context (class name) as the last string parameter.
    const context =
      params.length > 0 && typeof params[params.length - 1] === 'string'
        ? (params[params.length - 1] as string)
        : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    // Nest's error(message, stack?, context?): keep the stack when it is given.
    const stack = params.length >= 2 && typeof params[0] === 'string' ? params[0] : undefined;
    this.write('error', stack ? `${String(message)}\n${stack}` : message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
