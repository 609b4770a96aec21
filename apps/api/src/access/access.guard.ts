// The global guard: sets request.principal (or answers 401), then checks the route's @Allow
// (403). Writes it lets through are recorded in the audit log when their answer is sent.
// Sockets are checked by the namespace middleware (socket-access.ts), not here.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from './access-errors';
import { ACCESS_METADATA, PARTICIPANTS_METADATA, type AccessRule } from './access.decorators';
import { AccessService, bearerToken } from './access.service';
import type { Principal } from './principal';

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes without @Allow: admin only (closed unless opened on purpose). */
const DEFAULT_RULE: AccessRule = ['admin'];

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const rule =
      this.reflector.getAllAndOverride<AccessRule>(ACCESS_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_RULE;
    if (rule === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const token = bearerToken(req.headers.authorization);
    // GET /api/session without a token: anonymous in tokens mode; open mode still answers its admin
    if (rule === 'identify' && token === undefined && this.access.mode === 'tokens') return true;

    let principal: Principal;
    try {
      principal = this.access.authenticate(token);
    } catch (error) {
      if (error instanceof UnauthorizedError) res.setHeader('WWW-Authenticate', 'Bearer realm="caretwin"');
      throw error;
    }
    req.principal = principal;
    const action = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    if (WRITE_METHODS.has(req.method)) this.auditWhenAnswered(req, res, principal, action);
    if (principal.role === 'participant') {
      // bound to one workshop: only routes that admit participants, and only with its :id
      const admits = this.reflector.getAllAndOverride<boolean>(PARTICIPANTS_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]);
      const { id } = req.params as Record<string, string | undefined>;
      if (principal.readOnly && WRITE_METHODS.has(req.method))
        throw new ForbiddenError(`a print link only reads its workshop; it may not ${action}`);
      if (rule === 'identify' || (admits && id === principal.workshopId)) return true;
      throw new ForbiddenError(
        `a participant token reaches only its own workshop (${principal.workshopId ?? '?'}); it may not ${action}`,
      );
    }
    if (rule === 'identify' || this.access.may(principal, rule)) return true;
    throw new ForbiddenError(`role ${principal.role} may not ${action} (allowed: ${rule.join(', ')})`);
  }

  private auditWhenAnswered(req: Request, res: Response, principal: Principal, action: string): void {
    res.once('finish', () => {
      const params = req.params as Record<string, string | undefined>;
      const located = res.getHeader('location');
      const target =
        params.id ??
        (res.locals.auditTarget as string | undefined) ??
        (typeof located === 'string' ? (located.split('/').pop() ?? null) : null);
      this.access.audit(principal, action, target ?? null, res.statusCode);
    });
  }
}
