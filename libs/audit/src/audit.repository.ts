import { prepared, sql, SqlDatabase, SqlQuery, SqlRaw, SqlRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CHAIN_KEY, chainName } from './audit-chain';
import { AuditAnchor, AuditEntry } from './audit-entry';
import { WrittenFields } from './audit-hash';
import { JsonValue } from './canonical-json';

/** A row of `audit_log`; `seq`, `prev_hash`, `hash`, `key_id` and `signature` stay null until it is sealed. */
export interface AuditRow {
  id: string;
  tenant_id: string | null;
  seq: string | null;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
  key_id: string | null;
  signature: string | null;
  /** The write position (a sequence), null on entries written before sealing existed. */
  pos: string | null;
  writer_key_id: string | null;
  writer_signature: string | null;
  sealed_at: Date | null;
}

/** A row that has its place in the chain. */
export type SealedAuditRow = AuditRow & { seq: string; prev_hash: string; hash: string };

export const isSealed = (row: AuditRow): row is SealedAuditRow =>
  row.seq !== null && row.prev_hash !== null && row.hash !== null;

export function toAuditEntry(row: AuditRow): AuditEntry {
  if (!isSealed(row)) throw new Error(`audit entry ${row.id} is not sealed yet`);
  return {
    id: row.id,
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    ip: row.ip,
    details: row.details,
    hash: row.hash,
    prevHash: row.prev_hash,
    keyId: row.key_id,
    signature: row.signature,
  };
}

const toAnchor = (row: SealedAuditRow): AuditAnchor => ({
  chain: chainName(row.tenant_id),
  seq: Number(row.seq),
  hash: row.hash,
  keyId: row.key_id,
  signature: row.signature,
  at: row.at.toISOString(),
});

/** An entry as its writer inserts it: details already canonical, signed by the writer. */
export interface NewAuditRow extends Omit<WrittenFields, 'details'> {
  details: JsonValue;
  writerKeyId: string;
  writerSignature: string;
}

/** Reads of sealed entries (the chain as the API shows it) and the writers' inserts. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: SqlDatabase) {}

  async count(where: SqlQuery): Promise<number> {
    const rows = await this.db.query<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM audit_log WHERE ${where}`,
    );
    return rows[0].count;
  }

  async page(where: SqlQuery, order: SqlRaw, offset: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.query<AuditRow>(
      sql`SELECT * FROM audit_log WHERE ${where} ORDER BY ${order} OFFSET ${offset} LIMIT ${limit}`,
    );
    return rows.map(toAuditEntry);
  }

  /** Sealed rows in chain order after `afterSeq`, for streaming and verification in bounded memory. */
  batchAfter(where: SqlQuery, afterSeq: number, limit: number): Promise<SealedAuditRow[]> {
    return this.db.query<SealedAuditRow>(
      sql`SELECT * FROM audit_log WHERE ${where} AND seq > ${afterSeq} ORDER BY seq ASC LIMIT ${limit}`,
    );
  }

  /**
   * The newest sealed entry of each chain selected by `where` (every chain, deleted tenants' too,
   * for TRUE), the platform chain first (its key is the zero uuid), then by tenant id.
   */
  async heads(where: SqlQuery): Promise<AuditAnchor[]> {
    const rows = await this.db.query<SealedAuditRow>(sql`
      SELECT DISTINCT ON (${CHAIN_KEY}) * FROM audit_log WHERE seq IS NOT NULL AND ${where}
       ORDER BY ${CHAIN_KEY}, seq DESC`);
    return rows.map(toAnchor);
  }

  /** The writer's insert, in its own transaction: no lock, no read of the chain. */
  async insertUnsealed(transaction: EntityManager | SqlRunner, e: NewAuditRow): Promise<void> {
    const runner = transaction instanceof EntityManager ? this.db.within(transaction) : transaction;
    await runner.query(insertUnsealedQuery(e));
  }
}

/** The writer's INSERT with its values in `v` (in the order of the INSERT's columns). */
const insertUnsealed = (v: readonly unknown[]) => sql`
  INSERT INTO audit_log (id, tenant_id, at, actor_id, actor_email, action, entity_type, entity_id, request_id, ip,
                         details, writer_key_id, writer_signature)
  VALUES (${v[0]}, ${v[1]}, ${v[2]}, ${v[3]}, ${v[4]}, ${v[5]}, ${v[6]}, ${v[7]}, ${v[8]}, ${v[9]}, ${v[10]}::jsonb,
          ${v[11]}, ${v[12]})`;
/** Built once: a write only fills in the values. */
const INSERT_UNSEALED_TEXT = insertUnsealed(new Array(13).fill(null)).text;

/** The writer's INSERT of `e`. Prepared: its text never changes. */
export function insertUnsealedQuery(e: NewAuditRow): SqlQuery {
  const values = [
    e.id,
    e.tenantId,
    e.at,
    e.actorId,
    e.actorEmail,
    e.action,
    e.entityType,
    e.entityId,
    e.requestId,
    e.ip,
    // The canonical value as JSON text: the driver is not left to serialise it its own way.
    JSON.stringify(e.details),
    e.writerKeyId,
    e.writerSignature,
  ];
  return prepared('audit', new SqlQuery(INSERT_UNSEALED_TEXT, values));
}
