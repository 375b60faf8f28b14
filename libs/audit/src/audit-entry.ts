/** What a module asks the audit trail to record. */
export interface AuditEntryInput {
  /** The tenant whose chain gets the entry; null for the platform chain. */
  tenantId: string | null;
  /** `<entity>.<verb>` in lower case, e.g. `user.create`, `tenant.member.add`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The change itself (before/after, parameters); never secrets. */
  details?: Record<string, unknown>;
}

/**
 * An entry as its writer stored it, inside the transaction of the change: not yet in the chain.
 * A sealer gives it its `seq`, `prevHash`, `hash` and signature shortly after the commit.
 */
export interface WrittenAuditEntry {
  id: string;
  tenantId: string | null;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** A sealed entry, as the API returns it (the API lists sealed entries only). */
export interface AuditEntry {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
  /** The signing key's id (see `GET /api/audit/keys`); null only on an entry no key signed. */
  keyId: string | null;
  /** base64 Ed25519 signature of the UTF-8 bytes of `hash`. */
  signature: string | null;
}

/** A chain's head as anchored outside the database: `chain` is the tenant id, or `platform`. */
export interface AuditAnchor {
  chain: string;
  seq: number;
  hash: string;
  keyId: string | null;
  signature: string | null;
  at: string;
}

/** A public key that signs (or once signed) entries. */
export interface AuditPublicKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** PEM, SPKI. */
  publicKey: string;
  /** When `audit_signing_keys` first recorded the key; null if it never did. Informative only. */
  createdAt: string | null;
}
