import type { HashedFields, WrittenFields } from './audit-hash';
import { canonicalJson } from './canonical-json';
import { fastCanonicalText, LEFT_TO_CAREFUL_WALK } from './canonical-json-fast';
import { canonicalString } from './canonical-string';

/** The fields the written and the hashed form of an entry share. */
export type SharedFields = Omit<HashedFields, 'seq' | 'tenantId'>;

/** A field of the entry itself (a string or null) as canonical JSON; undefined when it is anything else. */
function fieldText(value: unknown): string | undefined {
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(canonicalString(value)) : undefined;
}

function detailsText(details: unknown): string | undefined {
  try {
    return fastCanonicalText(details);
  } catch (error) {
    if (error !== LEFT_TO_CAREFUL_WALK) throw error;
    return undefined;
  }
}

/**
 * The canonical JSON of an audit entry, in both the form its writer signs (with its id) and the
 * form the chain hashes (with its seq), written with the keys in their known sorted order and
 * `details` walked once for both: exactly `canonicalJson` of either object (a test compares them),
 * without sorting keys or walking the details twice. An entry with a field of another type than
 * the entry's own (undefined, a number, ...) goes through `canonicalJson` instead.
 */
export class AuditEntryText {
  private constructor(
    private readonly fields: SharedFields,
    /** `{"action":…,…,"entityType":…,`: every key sorted before `id`; undefined: the generic walk. */
    private readonly head: string | undefined,
    private readonly ip: string | undefined,
    private readonly requestId: string | undefined,
  ) {}

  static of(fields: SharedFields): AuditEntryText {
    const action = fieldText(fields.action);
    const actorEmail = fieldText(fields.actorEmail);
    const actorId = fieldText(fields.actorId);
    const at = fieldText(fields.at);
    const entityId = fieldText(fields.entityId);
    const entityType = fieldText(fields.entityType);
    const ip = fieldText(fields.ip);
    const requestId = fieldText(fields.requestId);
    const details = detailsText(fields.details);
    if (
      action === undefined ||
      actorEmail === undefined ||
      actorId === undefined ||
      at === undefined ||
      entityId === undefined ||
      entityType === undefined ||
      ip === undefined ||
      requestId === undefined ||
      details === undefined
    )
      return new AuditEntryText(fields, undefined, undefined, undefined);
    const head =
      `{"action":${action},"actorEmail":${actorEmail},"actorId":${actorId},"at":${at},"details":${details},` +
      `"entityId":${entityId},"entityType":${entityType},`;
    return new AuditEntryText(fields, head, ip, requestId);
  }

  /** `canonicalJson` of the written fields: these and the entry's id and tenant. */
  written(id: string, tenantId: string | null): string {
    const idText = fieldText(id);
    const tenantText = fieldText(tenantId);
    if (this.head === undefined || idText === undefined || tenantText === undefined)
      return canonicalJson(pickWritten(this.fields, id, tenantId));
    return `${this.head}"id":${idText},"ip":${this.ip},"requestId":${this.requestId},"tenantId":${tenantText}}`;
  }

  /** `canonicalJson` of the hashed fields: these, the chain's tenant and the entry's place in it. */
  hashed(seq: number, tenantId: string | null): string {
    const tenantText = fieldText(tenantId);
    if (this.head === undefined || tenantText === undefined || !Number.isFinite(seq))
      return canonicalJson(pickHashed(this.fields, seq, tenantId));
    return `${this.head}"ip":${this.ip},"requestId":${this.requestId},"seq":${JSON.stringify(seq)},"tenantId":${tenantText}}`;
  }
}

/** The shared fields alone: the object may carry more, which the digest and the hash never cover. */
function sharedOnly(fields: SharedFields): SharedFields {
  return {
    at: fields.at,
    actorId: fields.actorId,
    actorEmail: fields.actorEmail,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    requestId: fields.requestId,
    ip: fields.ip,
    details: fields.details,
  };
}

const pickWritten = (fields: SharedFields, id: string, tenantId: string | null): WrittenFields => ({
  id,
  tenantId,
  ...sharedOnly(fields),
});

const pickHashed = (fields: SharedFields, seq: number, tenantId: string | null): HashedFields => ({
  tenantId,
  seq,
  ...sharedOnly(fields),
});
