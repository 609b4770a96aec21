// Access control as one capability: the global guard (request.principal, 401/403), the audit of
// writes, the session and audit endpoints. The socket middleware comes from AccessService too.
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessController } from './access.controller';
import { AccessGuard } from './access.guard';
import { AccessService } from './access.service';
import { AuditTargetInterceptor } from './audit-target.interceptor';

@Global()
@Module({
  controllers: [AccessController],
  providers: [
    AccessService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditTargetInterceptor },
  ],
  exports: [AccessService],
})
export class AccessModule {}
