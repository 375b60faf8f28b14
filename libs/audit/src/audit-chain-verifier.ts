import { chainHash, GENESIS_HASH } from './audit-hash';
import { AuditRow } from './audit.repository';

export interface VerifyResult {
  valid: boolean;
  checked: number;
  firstBrokenId: string | null;
}

/**
 * Checks rows of one chain fed in seq order: each must follow its predecessor without a gap,
 * link to its hash, and hash to what it stores. Stops at the first broken entry.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private brokenId: string | null = null;

  /** Returns false once a broken entry was found (no more rows are needed). */
  feed(row: AuditRow): boolean {
    if (this.brokenId) return false;
    this.checked += 1;
    const seq = Number(row.seq);
    const recomputed = chainHash(row.prev_hash, {
      tenantId: row.tenant_id,
      seq,
      at: row.at.toISOString(),
      actorId: row.actor_id,
      actorEmail: row.actor_email,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      requestId: row.request_id,
      ip: row.ip,
      details: row.details,
    });
    if (seq !== this.expectedSeq || row.prev_hash !== this.prevHash || recomputed !== row.hash) {
      this.brokenId = row.id;
      return false;
    }
    this.expectedSeq = seq + 1;
    this.prevHash = row.hash;
    return true;
  }

  result(): VerifyResult {
    return { valid: this.brokenId === null, checked: this.checked, firstBrokenId: this.brokenId };
  }
}
