import { pageOffset, sql } from '@app/core';
import { Injectable } from '@nestjs/common';
import { AuditChainVerifier, ChainAnchor, VerifyResult } from './audit-chain-verifier';
import { AuditAnchor, AuditEntry, AuditPublicKey } from './audit-entry';
import { AuditFilter, auditOrder, auditWhere } from './audit-filter';
import { AuditRepository, toAuditEntry } from './audit.repository';
import { AuditKeysRepository } from './signing/audit-keys.repository';
import { SIGNING_ALGORITHM } from './signing/audit-signing-key';
import { AuditTrustedKeys } from './signing/trusted-keys';

const BATCH_SIZE = 1000;

/** Compliance reads over one chain (null: the platform's): lists, streamed exports, anchors and verification. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly keys: AuditKeysRepository,
    private readonly trustedKeys: AuditTrustedKeys,
  ) {}

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

  /** How many entries of every chain record `action` in [since, until). */
  countAction(action: string, since: Date, until: Date): Promise<number> {
    return this.repository.count(sql`action = ${action} AND at >= ${since} AND at < ${until}`);
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

  async verify(tenantId: string | null, anchor: ChainAnchor | null = null): Promise<VerifyResult> {
    const where = auditWhere(tenantId, {});
    const verifier = new AuditChainVerifier(this.trustedKeys.publicKeys(), anchor);
    let afterSeq = 0;
    for (;;) {
      const rows = await this.repository.batchAfter(where, afterSeq, BATCH_SIZE);
      for (const row of rows) if (!verifier.feed(row)) return verifier.result();
      if (rows.length < BATCH_SIZE) return verifier.result();
      afterSeq = Number(rows[rows.length - 1].seq);
    }
  }

  /** The head of one chain (none while it is empty). */
  anchor(tenantId: string | null): Promise<AuditAnchor[]> {
    return this.repository.heads(auditWhere(tenantId, {}));
  }

  /** The head of every chain: the platform's and every tenant's, deleted tenants' included. */
  allAnchors(): Promise<AuditAnchor[]> {
    return this.repository.heads(sql`TRUE`);
  }

  /**
   * The trusted keys (never a key found only in the database), each with the time the database
   * first recorded it, which is informative only: null for a key it never recorded.
   */
  async listKeys(): Promise<AuditPublicKey[]> {
    const recorded = new Map((await this.keys.list()).map((key) => [key.keyId, key.createdAt]));
    return this.trustedKeys.list().map((key) => ({
      keyId: key.keyId,
      algorithm: SIGNING_ALGORITHM,
      publicKey: key.publicKeyPem,
      createdAt: recorded.get(key.keyId) ?? null,
    }));
  }

  /** Keys recorded in `audit_signing_keys` that are not trusted: retired and not listed, or planted. */
  async untrustedRecordedKeys(): Promise<AuditPublicKey[]> {
    return (await this.keys.list()).filter((key) => !this.trustedKeys.has(key.keyId));
  }
}
