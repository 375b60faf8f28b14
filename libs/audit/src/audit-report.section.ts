import { DailyReportRegistry, DailyReportSection } from '@app/notifications';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';

/**
 * The daily report's audit anchors: each chain's head and the listed signing keys. The mail
 * leaves the database, so it is a record a database superuser cannot reach: a chain that later
 * no longer reaches a head printed here (`verify?anchorSeq=&anchorHash=`) was cut or rewritten.
 * It lists the trusted keys, and warns of keys recorded in the database that are not trusted: a
 * retired key nobody listed in AUDIT_TRUSTED_PUBLIC_KEYS, or one planted there.
 */
@Injectable()
export class AuditReportSection implements DailyReportSection, OnModuleInit {
  readonly title = 'Audit anchors';
  readonly order = 90;

  constructor(
    private readonly registry: DailyReportRegistry,
    private readonly audit: AuditQueryService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async lines(): Promise<string[]> {
    const [anchors, keys, untrusted] = await Promise.all([
      this.audit.allAnchors(),
      this.audit.listKeys(),
      this.audit.untrustedRecordedKeys(),
    ]);
    return [
      ...anchors.map(
        (a) =>
          `Chain ${a.chain}: seq ${a.seq}, hash ${a.hash}, signature ${a.signature ?? '-'} (key ${a.keyId ?? '-'})`,
      ),
      ...keys.map((k) => `Trusted key ${k.keyId} (${k.algorithm}, first recorded ${k.createdAt ?? 'never'})`),
      ...untrusted.map(
        (k) => `Untrusted key ${k.keyId} recorded in the database since ${k.createdAt}: its entries do not verify`,
      ),
    ];
  }
}
