import { pageOffset, sql } from '@app/core';
import { Injectable } from '@nestjs/common';
import { AuditChainVerifier, ChainAnchor, VerifyResult } from './audit-chain-verifier';
import { AuditAnchor, AuditEntry, AuditPublicKey } from './audit-entry';
import { AuditFilter, auditOrder, auditWhere } from './audit-filter';
import { AuditRepository, toAuditEntry } from './audit.repository';
import { AuditSealRepository } from './sealing/audit-seal.repository';
import { AuditSealer } from './sealing/audit-sealer';
import { AuditKeysRepository } from './signing/audit-keys.repository';
import { SIGNING_ALGORITHM } from './signing/audit-signing-key';
import { AuditTrustedKeys } from './signing/trusted-keys';

const BATCH_SIZE = 1000;

/**
 * Compliance reads over one chain (null: the platform's): lists, streamed exports, anchors and
 * verification. They show sealed entries only, and seal the chain first (waiting for a sealer at
 * work on it), so every entry committed before the read is in what it shows.
 */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly keys: AuditKeysRepository,
    private readonly trustedKeys: AuditTrustedKeys,
    private readonly sealer: AuditSealer,
    private readonly seals: AuditSealRepository,
  ) {}

  async list(
    tenantId: string | null,
    query: AuditFilter & { page: number; pageSize: number; ordering: 'seq' | '-seq' },
  ): Promise<{ count: number; results: AuditEntry[] }> {
    await this.sealer.sealChain(tenantId, 'wait');
    const where = auditWhere(tenantId, query);
    const [count, results] = await Promise.all([
      this.repository.count(where),
      this.repository.page(where, auditOrder(query.ordering), pageOffset(query), query.pageSize),
    ]);
    return { count, results };
  }

  /** How many entries of every chain (sealed or not yet) record `action` in [since, until). */
  countAction(action: string, since: Date, until: Date): Promise<number> {
    return this.repository.count(sql`action = ${action} AND at >= ${since} AND at < ${until}`);
  }

  /** Seals the chain, then streams every matching entry in chain order, in batches so memory stays flat. */
  async stream(tenantId: string | null, filter: AuditFilter): Promise<AsyncGenerator<AuditEntry>> {
    await this.sealer.sealChain(tenantId, 'wait');
    return this.entries(tenantId, filter);
  }

  private async *entries(tenantId: string | null, filter: AuditFilter): AsyncGenerator<AuditEntry> {
    const where = auditWhere(tenantId, filter);
    let afterSeq = 0;
    for (;;) {
      const rows = await this.repository.batchAfter(where, afterSeq, BATCH_SIZE);
      for (const row of rows) yield toAuditEntry(row);
      if (rows.length < BATCH_SIZE) return;
      afterSeq = Number(rows[rows.length - 1].seq);
    }
  }

  /**
   * Seals the chain, walks it, then checks the entries still unsealed: each must be as its writer
   * signed it (one that committed after the seal); any other, which no sealer would take, is broken.
   */
  async verify(tenantId: string | null, anchor: ChainAnchor | null = null): Promise<VerifyResult> {
    await this.sealer.sealChain(tenantId, 'wait');
    const where = auditWhere(tenantId, {});
    const verifier = new AuditChainVerifier(this.trustedKeys.publicKeys(), anchor);
    let afterSeq = 0;
    for (;;) {
      const rows = await this.repository.batchAfter(where, afterSeq, BATCH_SIZE);
      for (const row of rows) if (!verifier.feed(row)) return verifier.result();
      if (rows.length < BATCH_SIZE) break;
      afterSeq = Number(rows[rows.length - 1].seq);
    }
    let afterPos: string | null = null;
    for (;;) {
      const rows = await this.seals.unsealedAfter(tenantId, afterPos, BATCH_SIZE);
      for (const row of rows) if (!verifier.feedUnsealed(row)) return verifier.result();
      if (rows.length < BATCH_SIZE) return verifier.result();
      afterPos = rows[rows.length - 1].pos;
    }
  }

  /** Seals the chain, then answers its head (none while it is empty). */
  async anchor(tenantId: string | null): Promise<AuditAnchor[]> {
    await this.sealer.sealChain(tenantId, 'wait');
    return this.repository.heads(auditWhere(tenantId, {}));
  }

  /** Seals every chain, then answers the head of each: the platform's and every tenant's, deleted tenants' included. */
  async allAnchors(): Promise<AuditAnchor[]> {
    await this.sealer.sealAll();
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
