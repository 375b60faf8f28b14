import { chainHash, GENESIS_HASH } from './audit-hash';
import { AuditRow, toAuditEntry } from './audit.repository';

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
    const entry = toAuditEntry(row);
    const { id: _id, hash: _hash, prevHash: _prev, ...fields } = entry;
    const recomputed = chainHash(row.prev_hash, { tenantId: row.tenant_id, ...fields });
    if (entry.seq !== this.expectedSeq || row.prev_hash !== this.prevHash || recomputed !== row.hash) {
      this.brokenId = row.id;
      return false;
    }
    this.expectedSeq = entry.seq + 1;
    this.prevHash = row.hash;
    return true;
  }

  result(): VerifyResult {
    return { valid: this.brokenId === null, checked: this.checked, firstBrokenId: this.brokenId };
  }
}
