// Who a request acts as. The global access guard sets `request.principal` on every request
// (HTTP) and `socket.data.principal` on every socket; controllers and services read it from
// there, never from headers. A contract: the dashboard, tests and later issues rely on it.

export const ROLES = ['viewer', 'planner', 'admin', 'reporter', 'participant'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** token id (or 'open' when AUTH_MODE=open; the participant id for a participant) */
  id: string;
  /** token name as given to `caretwin token create --name` (or 'open'; a participant's display name) */
  name: string;
  /**
   * 'participant': a workshop participant's token (ctp_…, docs/workshops.md), bound to
   * `workshopId`: it reaches only routes marked @AllowParticipants with that workshop's :id.
   */
  role: Role;
  /** hospitals a reporter token may post for (--hospital); [] = none named */
  hospitals: string[];
  /** a participant's workshop */
  workshopId?: string;
  /** a print link's key (ctv_…): a participant of its workshop that only reads, also once it closed */
  readOnly?: boolean;
}

/**
 * Whether a principal's reach ends when its workshop closes: a joined participant's does (its
 * token expires, its sockets are let go); a print link's key reads the closed workshop still,
 * since its handout is printed at the end.
 */
export const closesWithWorkshop = (principal: Principal | undefined): boolean =>
  principal?.role === 'participant' && principal.readOnly !== true;

/** AUTH_MODE=open: every request acts as this admin (allowed only on loopback). */
export const OPEN_PRINCIPAL: Readonly<Principal> = Object.freeze({
  id: 'open',
  name: 'open',
  role: 'admin',
  hospitals: [],
});

declare module 'express-serve-static-core' {
  interface Request {
    /** set by the global AccessGuard before any controller runs */
    principal?: Principal;
  }
}
