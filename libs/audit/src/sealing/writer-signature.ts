import { KeyObject } from 'node:crypto';
import { entryDigest, WrittenFields } from '../audit-hash';
import { AuditRow } from '../audit.repository';
import { isValidSignature } from '../signing/audit-signing-key';

/** The fields of a stored row that its writer signed. */
export const writtenFields = (row: AuditRow): WrittenFields => ({
  id: row.id,
  tenantId: row.tenant_id,
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

/**
 * Whether the row is exactly what a holder of one of `publicKeys` wrote: the sealer seals nothing
 * else, so a row inserted or changed by someone without a trusted key never gets into the chain.
 * `digest` is the row's entry digest, when the caller has it already.
 */
export function isSignedByWriter(
  row: AuditRow,
  publicKeys: ReadonlyMap<string, KeyObject>,
  digest: string = entryDigest(writtenFields(row)),
): boolean {
  const publicKey = row.writer_key_id ? publicKeys.get(row.writer_key_id) : undefined;
  if (!publicKey || !row.writer_signature) return false;
  return isValidSignature(publicKey, digest, row.writer_signature);
}
