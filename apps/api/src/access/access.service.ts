// Who a request or socket is (AUTH_MODE, bearer tokens from the store), whether an Origin may
// write, and the audit log of writes. Tokens are checked against their SHA-256 in the store on
// every request, so `caretwin token revoke` takes effect at the next request, on every instance.
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { PRINT_LINK_PREFIX } from '@caretwin/contracts';
import {
  AuditRepository,
  PARTICIPANT_TOKEN_PREFIX,
  SecretsRepository,
  TokensRepository,
  WorkshopsRepository,
  type AuditEntry,
  type Db,
} from '@caretwin/store';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { DATABASE } from '../store/store.tokens';
import { UnauthorizedError } from './access-errors';
import { closesWithWorkshop, OPEN_PRINCIPAL, type Principal, type Role } from './principal';
import { checkPrintKey, PRINT_LINK_SECRET, printKey } from './print-links';

const NO_TOKEN =
  'this api needs a token (AUTH_MODE=tokens): send Authorization: Bearer <token>; an admin creates one with `npx caretwin token create`';
const REFUSED: Record<'unknown' | 'expired' | 'revoked', string> = {
  unknown: 'the token is not known to this api',
  expired: 'the token has expired; ask an admin for a new one',
  revoked: 'the token has been revoked; ask an admin for a new one',
};
const PARTICIPANT_UNKNOWN =
  'the participant token is not known to this api; join the workshop again with its code';
/** A participant token stops working when its workshop closes (the workshop stays readable to readers). */
export const WORKSHOP_CLOSED = 'the workshop has closed';
const PRINT_LINK_REFUSED = {
  malformed: 'the print link is not one this api made',
  expired: 'the print link has expired; make another (POST /api/workshops/:id/print-link)',
};

/** The token of an `Authorization: Bearer <token>` header; '' for any other form (a wrong token). */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/** Whether a browser's Origin header may write: the api's own origin or one of ALLOWED_ORIGINS. */
export function originAllowed(origin: string, host: string | undefined, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // 'null' (sandboxed pages, file://) and garbage
  }
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return allowed.some((entry) => entry.toLowerCase() === url.origin);
}

@Injectable()
export class AccessService {
  readonly mode: AppConfig['access']['mode'];
  readonly allowedOrigins: readonly string[];
  private readonly tokens: TokensRepository;
  private readonly auditLog: AuditRepository;
  private readonly workshops: WorkshopsRepository;
  private readonly secrets: SecretsRepository;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) db: Db,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.mode = config.access.mode;
    this.allowedOrigins = config.access.allowedOrigins;
    this.tokens = new TokensRepository(db);
    this.auditLog = new AuditRepository(db);
    this.workshops = new WorkshopsRepository(db);
    this.secrets = new SecretsRepository(db);
  }

  /**
   * The principal a token acts as; throws 401 for no, wrong, expired or revoked token. A
   * participant token (ctp_…) is a participant in both modes: open mode would otherwise make
   * every participant an admin, and a workshop's participants are bound to it there too.
   */
  authenticate(token: string | undefined): Principal {
    if (token?.startsWith(PARTICIPANT_TOKEN_PREFIX)) return this.participant(token);
    if (token?.startsWith(PRINT_LINK_PREFIX)) return this.printReader(token);
    if (this.mode === 'open') return OPEN_PRINCIPAL;
    if (token === undefined || token === '') throw new UnauthorizedError(NO_TOKEN);
    const check = this.tokens.check(token, new Date());
    if (!check.ok) throw new UnauthorizedError(REFUSED[check.reason]);
    const { id, name, role, hospitals } = check.token;
    return { id, name, role, hospitals };
  }

  private participant(token: string): Principal {
    const check = this.workshops.checkParticipant(token);
    if (!check.ok) throw new UnauthorizedError(PARTICIPANT_UNKNOWN);
    if (check.workshopState === 'closed') throw new UnauthorizedError(WORKSHOP_CLOSED);
    const { id, name, workshopId } = check.participant;
    return { id, name, role: 'participant', hospitals: [], workshopId };
  }

  /** A print link's key: a read-only participant of its workshop (print-links.ts), in both modes. */
  private printReader(key: string): Principal {
    const check = checkPrintKey(this.secrets.secret(PRINT_LINK_SECRET), key, new Date());
    if (!check.ok) throw new UnauthorizedError(PRINT_LINK_REFUSED[check.reason]);
    if (!this.workshops.get(check.workshopId)) throw new UnauthorizedError(PRINT_LINK_REFUSED.malformed);
    return {
      id: `print:${check.workshopId}`,
      name: 'print link',
      role: 'participant',
      hospitals: [],
      workshopId: check.workshopId,
      readOnly: true,
    };
  }

  /** A print key for `workshopId`, valid until `expiresAt`. */
  printKey(workshopId: string, expiresAt: Date): string {
    return printKey(this.secrets.secret(PRINT_LINK_SECRET), workshopId, expiresAt);
  }

  may(principal: Principal, roles: readonly Role[]): boolean {
    return roles.includes(principal.role);
  }

  /** A participant watching a run of its own workshop (the baseline's or a variant's) live. */
  participantRun(principal: Principal | undefined, runId: string): boolean {
    return (
      principal?.role === 'participant' &&
      principal.workshopId !== undefined &&
      // a socket opened before the workshop closed holds its principal still: the state is read now
      (!closesWithWorkshop(principal) || this.workshops.get(principal.workshopId)?.state === 'open') &&
      this.workshops.hasRun(principal.workshopId, runId)
    );
  }

  originAllowed(origin: string | undefined, host: string | undefined): boolean {
    return origin === undefined || originAllowed(origin, host, this.allowedOrigins);
  }

  /** One write, after it answered; a failing audit write is logged, never turned into the answer. */
  audit(principal: Principal, action: string, target: string | null, status: number | null): void {
    try {
      this.auditLog.record({
        at: new Date().toISOString(),
        actorId: principal.id,
        actorName: principal.name,
        role: principal.role,
        action,
        target,
        status,
      });
    } catch (error) {
      this.logger.error({ err: error, action, target }, 'audit log write failed');
    }
  }

  auditPage(limit: number, offset: number): { items: AuditEntry[]; total: number } {
    return this.auditLog.list({ limit, offset });
  }
}
