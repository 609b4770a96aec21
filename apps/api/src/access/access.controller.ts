// GET /api/session: how this api is protected and who the caller is (the dashboard asks before
// anything else). GET /api/audit: the audit log of writes, newest first, for admins.
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { AuditEntry } from '@caretwin/store';
import { ErrorResponses, ZodQuery } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { Allow, Identify } from './access.decorators';
import { AccessService } from './access.service';
import type { Role } from './principal';

export interface SessionView {
  authMode: 'open' | 'tokens';
  /** null: no token was sent (AUTH_MODE=tokens) */
  role: Role | null;
  name: string | null;
  /** only for a participant: its workshop (the token reaches only that one) */
  workshopId?: string;
}

const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

@ApiTags('access')
@ApiBearerAuth()
@Controller('api')
export class AccessController {
  constructor(private readonly access: AccessService) {}

  @Get('session')
  @Identify()
  @ApiOperation({
    summary:
      'How the api is protected (authMode) and who the bearer token is; without a token role and name are null',
  })
  @ApiResponse({
    status: 200,
    description: '{authMode, role, name, workshopId} (workshopId only for a participant: its workshop)',
  })
  @ErrorResponses(401)
  session(@Req() req: Request): SessionView {
    const principal = req.principal;
    return {
      authMode: this.access.mode,
      role: principal?.role ?? null,
      name: principal?.name ?? null,
      ...(principal?.workshopId ? { workshopId: principal.workshopId } : {}),
    };
  }

  @Get('audit')
  @Allow('admin')
  @ApiOperation({
    summary: 'The audit log: every write (who, what, when, on what), newest first; admin only',
  })
  @ZodQuery(auditQuerySchema)
  @ApiResponse({
    status: 200,
    description:
      '{items: [{seq, at, actorId, actorName, role, action, target, status}], total, limit, offset}',
  })
  @ErrorResponses(401, 403, 422)
  audit(@Query(new ZodValidationPipe(auditQuerySchema, 'query')) query: z.output<typeof auditQuerySchema>): {
    items: AuditEntry[];
    total: number;
    limit: number;
    offset: number;
  } {
    return { ...this.access.auditPage(query.limit, query.offset), ...query };
  }
}
