// Who may call a route: `@Allow('planner', 'admin')` on a handler (or its controller, which a
// handler's own @Allow overrides). A route with no @Allow is admin-only, so a route added
// without thought is closed rather than open. `@Public()` routes need no token at all.
import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ACCESS_METADATA = 'caretwin:access';
export const PARTICIPANTS_METADATA = 'caretwin:access:participants';

/** 'public': no token; 'identify': a token is optional (401 only if one is given and bad). */
export type AccessRule = Role[] | 'public' | 'identify';

/** Roles that may call this route (admin is always added: it may do everything). */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, [...new Set<Role>([...roles, 'admin'])] satisfies AccessRule);

/** Who reads: viewer, planner and admin (a reporter reads nothing; a participant only its workshop). */
export const READERS: readonly Role[] = ['viewer', 'planner', 'admin'];

/** Reads: viewer, planner and admin (a reporter reads nothing). */
export const AllowReaders = (): MethodDecorator & ClassDecorator => Allow(...READERS);

/** No token needed: health, readiness, metrics, version (the dashboard's files and /api/docs are not Nest routes). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, 'public' satisfies AccessRule);

/** A token is optional; the route answers differently with one (GET /api/session). */
export const Identify = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, 'identify' satisfies AccessRule);

/**
 * Also the participants of the workshop the route's `:id` names (their token is bound to one
 * workshop); every other route answers 403 to a participant whatever its @Allow says.
 */
export const AllowParticipants = (): MethodDecorator & ClassDecorator =>
  SetMetadata(PARTICIPANTS_METADATA, true);
