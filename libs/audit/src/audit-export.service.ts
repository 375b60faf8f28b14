import { RequestActor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { chainName } from './audit-chain';
import { auditCsvStream, auditNdjsonStream } from './audit-export';
import { AuditFilter } from './audit-filter';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';

export type AuditExportFormat = 'csv' | 'ndjson';

const FILTER_KEYS: Array<keyof AuditFilter> = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'];

/**
 * Exports of a chain. Reading the audit trail out is itself audited (PCI DSS 10.2.1.3): the
 * `audit.export` entry goes on the exported chain and commits before the first byte is sent,
 * so an export that could not be recorded does not happen.
 */
@Injectable()
export class AuditExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly query: AuditQueryService,
  ) {}

  async export(
    actor: RequestActor,
    tenantId: string | null,
    format: AuditExportFormat,
    filter: AuditFilter,
  ): Promise<Readable> {
    const used = Object.fromEntries(FILTER_KEYS.filter((key) => filter[key] !== undefined).map((k) => [k, filter[k]]));
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        tenantId,
        action: 'audit.export',
        entityType: 'audit_chain',
        entityId: chainName(tenantId),
        details: { format, filter: used },
      }),
    );
    const entries = await this.query.stream(tenantId, used);
    return format === 'csv' ? auditCsvStream(entries) : auditNdjsonStream(entries);
  }
}
