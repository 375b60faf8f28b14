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

/** A stored entry, as the API returns it. */
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
}
