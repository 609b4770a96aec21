// Logs for every process (pino), and an adapter with the shape Nest's LoggerService expects, so
// framework messages land in the same stream. Lines about a run carry `runId`. LOG_FORMAT picks
// the shape on standard output: json (one object per line, for collectors and the tests) or
// pretty (one readable line per entry, for a person at a terminal; the default there).
import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { AppConfig } from './load';

export type { Logger } from 'pino';

let prettyStdout: DestinationStream | undefined;

/**
 * One pretty destination per process, shared by its loggers (npm start has three). It formats and
 * writes synchronously, so no line is lost when a process exits right after logging.
 */
function prettyDestination(): DestinationStream {
  prettyStdout ??= (() => {
    const prettify = prettyFactory({
      translateTime: 'SYS:HH:MM:ss',
      // pid, host and service repeat on every line of one `npm start`; the name says which part.
      ignore: 'pid,hostname,service,context',
      messageFormat: '{if context}{context}: {end}{msg}',
      singleLine: true,
    });
    return { write: (line: string) => void process.stdout.write(prettify(line)) };
  })();
  return prettyStdout;
}

export function createLogger(config: Pick<AppConfig, 'log'>, name: string): Logger {
  const options = { name, level: config.log.level, base: { pid: process.pid, service: name } };
  return config.log.format === 'pretty' ? pino(options, prettyDestination()) : pino(options);
}

/**
 * Nest's start-up chatter (every module initialised, every route mapped: some 50 lines per start)
 * goes to debug; `api listening` and `worker ready` say the same in one line each.
 */
const NEST_START_UP = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
]);

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
    const context = params[params.length - 1];
    this.write(typeof context === 'string' && NEST_START_UP.has(context) ? 'debug' : 'info', message, params);
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
