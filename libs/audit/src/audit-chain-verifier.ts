import { KeyObject } from 'node:crypto';
import { chainHash, GENESIS_HASH, hashedFields } from './audit-hash';
import { AuditRow, isSealed, SealedAuditRow, toAuditEntry } from './audit.repository';
import { isSignedByWriter } from './sealing/writer-signature';
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
 * the anchor at the anchor's seq. Then the chain's unsealed rows, fed after it: each must be as a
 * holder of a trusted key wrote it (it then only committed after the last seal). Stops at the
 * first broken entry.
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
    if (!isSealed(row) || !this.holds(row)) {
      this.brokenId = row.id;
      return false;
    }
    this.expectedSeq += 1;
    this.prevHash = row.hash;
    return true;
  }

  /**
   * An entry the sealers left out of the chain: fine while it is as its writer signed it (it
   * committed after the seal that came before this check, and the next seal takes it), broken
   * otherwise. Only a broken one counts as checked.
   */
  feedUnsealed(row: AuditRow): boolean {
    if (this.brokenId) return false;
    if (row.pos !== null && isSignedByWriter(row, this.publicKeys)) return true;
    this.checked += 1;
    this.brokenId = row.id;
    return false;
  }

  private holds(row: SealedAuditRow): boolean {
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
