// Who a request or socket is (AUTH_MODE, bearer tokens from the store), whether an Origin may
// write, and the audit log of writes. Tokens are checked against their SHA-256 in the store on
// every request, so `caretwin token revoke` takes effect at the next request, on every instance.
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import { AuditRepository, TokensRepository, type AuditEntry, type Db } from '@caretwin/store';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { DATABASE } from '../store/store.tokens';
import { UnauthorizedError } from './access-errors';
import { OPEN_PRINCIPAL, type Principal, type Role } from './principal';

const NO_TOKEN =
  'this api needs a token (AUTH_MODE=tokens): send Authorization: Bearer <token>; an admin creates one with `npx caretwin token create`';
const REFUSED: Record<'unknown' | 'expired' | 'revoked', string> = {
  unknown: 'the token is not known to this api',
  expired: 'the token has expired; ask an admin for a new one',
  revoked: 'the token has been revoked; ask an admin for a new one',
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

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) db: Db,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.mode = config.access.mode;
    this.allowedOrigins = config.access.allowedOrigins;
    this.tokens = new TokensRepository(db);
    this.auditLog = new AuditRepository(db);
  }

  /** The principal a token acts as; throws 401 for no, wrong, expired or revoked token. */
  authenticate(token: string | undefined): Principal {
    if (this.mode === 'open') return OPEN_PRINCIPAL;
    if (token === undefined || token === '') throw new UnauthorizedError(NO_TOKEN);
    const check = this.tokens.check(token, new Date());
    if (!check.ok) throw new UnauthorizedError(REFUSED[check.reason]);
    const { id, name, role, hospitals } = check.token;
    return { id, name, role, hospitals };
  }

  may(principal: Principal, roles: readonly Role[]): boolean {
    return roles.includes(principal.role);
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
