import { Global, Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { TenantAuditController } from './audit.controller';
import { PlatformAuditController } from './platform-audit.controller';

/** The append-only audit trail: writers get `AuditService`; compliance reads go through the controllers. */
@Global()
@Module({
  controllers: [TenantAuditController, PlatformAuditController],
  providers: [AuditService, AuditRepository, AuditQueryService],
  exports: [AuditService, AuditQueryService],
})
export class AuditModule {}
