import { createHash } from 'node:crypto';
import { AuditEntryText } from './audit-entry-text';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  tenantId: string | null;
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  details: unknown;
}

/** hash = sha256(prev_hash || canonical entry), lower-case hex. */
export function chainHash(prevHash: string, fields: HashedFields): string {
  return chainHashOf(prevHash, AuditEntryText.of(fields).hashed(fields.seq, fields.tenantId));
}

/** `chainHash` of an entry whose canonical text is at hand. */
export function chainHashOf(prevHash: string, hashedText: string): string {
  return createHash('sha256').update(prevHash).update(hashedText).digest('hex');
}

/** Exactly the fields the hash covers, picked from a stored entry of the chain `tenantId`. */
export function hashedFields(tenantId: string | null, entry: Omit<HashedFields, 'tenantId'>): HashedFields {
  return {
    tenantId,
    seq: entry.seq,
    at: entry.at,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    requestId: entry.requestId,
    ip: entry.ip,
    details: entry.details,
  };
}

/** What the writer of an entry signs: everything it wrote, its id included, but no place in the chain. */
export interface WrittenFields extends Omit<HashedFields, 'seq'> {
  id: string;
}

/**
 * digest = sha256(canonical written entry), lower-case hex. The writer signs it, so the sealer
 * seals only entries a holder of a trusted key wrote, exactly as they were written.
 */
export function entryDigest(fields: WrittenFields): string {
  return entryDigestOf(AuditEntryText.of(fields).written(fields.id, fields.tenantId));
}

/** `entryDigest` of an entry whose canonical text is at hand. */
export function entryDigestOf(writtenText: string): string {
  return createHash('sha256').update(writtenText).digest('hex');
}
