import { raw, sql, SqlQuery, SqlRaw } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { chainName, PLATFORM_CHAIN_UUID } from './audit-chain';
import { AuditAnchor, AuditEntry } from './audit-entry';
import { JsonValue } from './canonical-json';

export interface AuditRow {
  id: string;
  tenant_id: string | null;
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  key_id: string | null;
  signature: string | null;
}

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
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
});

const toAnchor = (row: AuditRow): AuditAnchor => ({
  chain: chainName(row.tenant_id),
  seq: Number(row.seq),
  hash: row.hash,
  keyId: row.key_id,
  signature: row.signature,
  at: row.at.toISOString(),
});

/** A new entry as it is written: details already canonical, hash and signature computed. */
export interface NewAuditRow extends Omit<AuditEntry, 'id' | 'details'> {
  tenantId: string | null;
  details: JsonValue;
}

/** The chain key of a row in SQL, matching the unique index `audit_log_chain_seq_key`. */
const CHAIN_KEY = `coalesce(tenant_id, '${PLATFORM_CHAIN_UUID}'::uuid)`;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(where: SqlQuery): Promise<number> {
    const q = sql`SELECT count(*)::int AS count FROM audit_log WHERE ${where}`;
    const rows: Array<{ count: number }> = await this.dataSource.query(q.text, q.values);
    return rows[0].count;
  }

  async page(where: SqlQuery, order: SqlRaw, offset: number, limit: number): Promise<AuditEntry[]> {
    const q = sql`SELECT * FROM audit_log WHERE ${where} ORDER BY ${order} OFFSET ${offset} LIMIT ${limit}`;
    const rows: AuditRow[] = await this.dataSource.query(q.text, q.values);
    return rows.map(toAuditEntry);
  }

  /** Rows in chain order after `afterSeq`, for streaming and verification in bounded memory. */
  async batchAfter(where: SqlQuery, afterSeq: number, limit: number): Promise<AuditRow[]> {
    const q = sql`SELECT * FROM audit_log WHERE ${where} AND seq > ${afterSeq} ORDER BY seq ASC LIMIT ${limit}`;
    return this.dataSource.query(q.text, q.values);
  }

  /**
   * The newest entry of each chain selected by `where` (every chain, deleted tenants' too, for
   * TRUE), the platform chain first (its key is the zero uuid), then by tenant id.
   */
  async heads(where: SqlQuery): Promise<AuditAnchor[]> {
    const q = sql`SELECT DISTINCT ON (${raw(CHAIN_KEY)}) * FROM audit_log WHERE ${where}
                   ORDER BY ${raw(CHAIN_KEY)}, seq DESC`;
    const rows: AuditRow[] = await this.dataSource.query(q.text, q.values);
    return rows.map(toAnchor);
  }

  /** Serialises writers of one chain until the transaction ends. */
  async lockChain(manager: EntityManager, tenantId: string | null): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [
      tenantId ?? PLATFORM_CHAIN_UUID,
    ]);
  }

  async lastLink(manager: EntityManager, tenantId: string | null): Promise<{ seq: number; hash: string } | null> {
    const rows: Array<{ seq: string; hash: string }> = await manager.query(
      `SELECT seq, hash FROM audit_log
        WHERE ${CHAIN_KEY} = coalesce($1::uuid, '${PLATFORM_CHAIN_UUID}'::uuid)
        ORDER BY seq DESC LIMIT 1`,
      [tenantId],
    );
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  async insert(manager: EntityManager, e: NewAuditRow): Promise<AuditEntry> {
    const rows: AuditRow[] = await manager.query(
      `INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_email, action, entity_type, entity_id, request_id, ip,
                              details, prev_hash, hash, key_id, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15) RETURNING *`,
      [
        e.tenantId,
        e.seq,
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
        e.prevHash,
        e.hash,
        e.keyId,
        e.signature,
      ],
    );
    return toAuditEntry(rows[0]);
  }
}
