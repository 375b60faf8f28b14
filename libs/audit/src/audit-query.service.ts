import { pageOffset } from '@app/core';
import { Injectable } from '@nestjs/common';
import { AuditChainVerifier, VerifyResult } from './audit-chain-verifier';
import { AuditEntry } from './audit-entry';
import { AuditFilter, auditOrder, auditWhere } from './audit-filter';
import { AuditRepository, toAuditEntry } from './audit.repository';

const BATCH_SIZE = 1000;

/** Compliance reads over one chain: lists, streamed exports and verification. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly repository: AuditRepository) {}

  async list(
    tenantId: string | null,
    query: AuditFilter & { page: number; pageSize: number; ordering: 'seq' | '-seq' },
  ): Promise<{ count: number; results: AuditEntry[] }> {
    const where = auditWhere(tenantId, query);
    const [count, results] = await Promise.all([
      this.repository.count(where),
      this.repository.page(where, auditOrder(query.ordering), pageOffset(query), query.pageSize),
    ]);
    return { count, results };
  }

  /** Every matching entry in chain order, fetched in batches so memory stays flat. */
  async *stream(tenantId: string | null, filter: AuditFilter): AsyncGenerator<AuditEntry> {
    const where = auditWhere(tenantId, filter);
    let afterSeq = 0;
    for (;;) {
      const rows = await this.repository.batchAfter(where, afterSeq, BATCH_SIZE);
      for (const row of rows) yield toAuditEntry(row);
      if (rows.length < BATCH_SIZE) return;
      afterSeq = Number(rows[rows.length - 1].seq);
    }
  }

  async verify(tenantId: string | null): Promise<VerifyResult> {
    const where = auditWhere(tenantId, {});
    const verifier = new AuditChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const rows = await this.repository.batchAfter(where, afterSeq, BATCH_SIZE);
      for (const row of rows) if (!verifier.feed(row)) return verifier.result();
      if (rows.length < BATCH_SIZE) return verifier.result();
      afterSeq = Number(rows[rows.length - 1].seq);
    }
  }
}
