// AUTH_MODE=open makes every request an admin, which is safe only when nobody but this machine
// can reach the api. The api checks its binding with this before it listens (the worker binds
// nothing, so it does not).
import { ConfigError, type AppConfig } from './load';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

/** HOST values that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.trim().toLowerCase());
}

/** Refuses AUTH_MODE=open on any interface but loopback, naming both settings and the way out. */
export function assertAccessBinding(config: Pick<AppConfig, 'access' | 'http'>): void {
  if (config.access.mode === 'open' && !isLoopbackHost(config.http.host))
    throw new ConfigError([
      `AUTH_MODE (access.mode): open lets every request act as admin, so it is allowed only when the api binds to loopback (HOST 127.0.0.1, ::1 or localhost), but HOST is ${config.http.host}. Set AUTH_MODE=tokens and create tokens with \`npx caretwin token create --role admin --name NAME\`, or bind to 127.0.0.1`,
    ]);
}
