// Which requests count against which rate limit, and whose they are. Every /api route counts
// against `default`; run creation, validation and joining a workshop count against their own,
// tighter limit too (joining has no token: it counts by client address).
// /health, /ready, /metrics, the docs and the dashboard's files are never limited (probes and
// scrapers must answer whatever a client does; the static files are not api work).
import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';

export const RATE_LIMITS = ['default', 'runs', 'validations', 'joins'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

const RATE_LIMIT_GROUP = 'caretwin:rate-limit-group';

/** Puts a route under the tighter limit `name` as well as the default one. */
export const RateLimited = (name: Exclude<RateLimitName, 'default'>): MethodDecorator =>
  SetMetadata(RATE_LIMIT_GROUP, name);

/** The tighter limit a route is under, if any. */
export function rateLimitGroupOf(context: ExecutionContext): RateLimitName | undefined {
  return Reflect.getMetadata(RATE_LIMIT_GROUP, context.getHandler()) as RateLimitName | undefined;
}

/** Only the api's own routes (/api/...) are limited; other HTTP routes and sockets are not. */
export function isLimitedRequest(context: ExecutionContext): boolean {
  if (context.getType() !== 'http') return false;
  const req = context.switchToHttp().getRequest<Request>();
  return (req.originalUrl ?? req.url ?? '').startsWith('/api/');
}

/**
 * Whose request it is: the principal the access guard set (its token id; 'open' for every
 * request when AUTH_MODE=open), else the client address (a request the access guard has not
 * seen, e.g. when it is not installed).
 */
export function trackerOf(req: Pick<Request, 'ip'> & { principal?: { id: string } }): string {
  return req.principal?.id ? `token:${req.principal.id}` : `ip:${req.ip ?? 'unknown'}`;
}

/** The Redis key part of a tracker: hashed, so no token id or address is written to Redis. */
export function trackerKey(tracker: string): string {
  return createHash('sha256').update(tracker).digest('hex').slice(0, 32);
}
