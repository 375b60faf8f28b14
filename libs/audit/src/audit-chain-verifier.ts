import { KeyObject } from 'node:crypto';
import { chainHash, GENESIS_HASH, hashedFields } from './audit-hash';
import { AuditRow, toAuditEntry } from './audit.repository';
import { isValidSignature } from './signing/audit-signing-key';

export interface VerifyResult {
  valid: boolean;
  checked: number;
  /** The first entry that is wrong; null when every entry checked is right (then an unmet anchor makes it invalid). */
  firstBrokenId: string | null;
}

/** A head recorded earlier (daily report, anchors route): the chain must still hold it. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

/**
 * Checks rows of one chain fed in seq order: each must follow its predecessor without a gap,
 * link to its hash, hash to what it stores, carry a valid signature by a listed key, and match
 * the anchor at the anchor's seq. Stops at the first broken entry.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private brokenId: string | null = null;

  constructor(
    private readonly publicKeys: ReadonlyMap<string, KeyObject>,
    private readonly anchor: ChainAnchor | null = null,
  ) {}

  /** Returns false once a broken entry was found (no more rows are needed). */
  feed(row: AuditRow): boolean {
    if (this.brokenId) return false;
    this.checked += 1;
    if (!this.holds(row)) {
      this.brokenId = row.id;
      return false;
    }
    this.expectedSeq += 1;
    this.prevHash = row.hash;
    return true;
  }

  private holds(row: AuditRow): boolean {
    const entry = toAuditEntry(row);
    if (entry.seq !== this.expectedSeq || row.prev_hash !== this.prevHash) return false;
    if (chainHash(row.prev_hash, hashedFields(row.tenant_id, entry)) !== row.hash) return false;
    const publicKey = row.key_id ? this.publicKeys.get(row.key_id) : undefined;
    if (!publicKey || !row.signature || !isValidSignature(publicKey, row.hash, row.signature)) return false;
    return !(this.anchor && entry.seq === this.anchor.seq && row.hash !== this.anchor.hash);
  }

  result(): VerifyResult {
    const reachedAnchor = !this.anchor || this.expectedSeq > this.anchor.seq;
    return {
      valid: this.brokenId === null && reachedAnchor,
      checked: this.checked,
      firstBrokenId: this.brokenId,
    };
  }
}
