import { Global, Module } from '@nestjs/common';
import { AuditChainsController } from './audit-chains.controller';
import { AuditExportService } from './audit-export.service';
import { AuditKeysController } from './audit-keys.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { TenantAuditController } from './audit.controller';
import { PlatformAuditController } from './platform-audit.controller';
import { AuditSealRepository } from './sealing/audit-seal.repository';
import { AuditSealer } from './sealing/audit-sealer';
import { AuditSealingLoop } from './sealing/audit-sealing.loop';
import { SealAfterCommit } from './sealing/seal-after-commit';
import { WrittenDigests } from './sealing/written-digests';
import { AuditKeysRepository } from './signing/audit-keys.repository';
import { AuditSigner, auditSigningKeyProvider, auditTrustedKeysProvider } from './signing/audit-signer';

/**
 * The append-only, signed audit trail: writers get `AuditService`; compliance reads go through the
 * controllers; every process that loads it (API and worker) seals entries after their commit.
 */
@Global()
@Module({
  controllers: [TenantAuditController, PlatformAuditController, AuditChainsController, AuditKeysController],
  providers: [
    auditSigningKeyProvider,
    auditTrustedKeysProvider,
    AuditSigner,
    AuditKeysRepository,
    AuditService,
    AuditRepository,
    AuditQueryService,
    AuditExportService,
    AuditSealRepository,
    AuditSealer,
    AuditSealingLoop,
    SealAfterCommit,
    WrittenDigests,
  ],
  exports: [AuditService, AuditQueryService],
})
export class AuditModule {}
