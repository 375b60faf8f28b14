import { sql, SqlQuery, SqlRaw } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry';

const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';

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
});

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

  /** Serialises writers of one chain until the transaction ends. */
  async lockChain(manager: EntityManager, tenantId: string | null): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [
      tenantId ?? PLATFORM_CHAIN,
    ]);
  }

  async lastLink(manager: EntityManager, tenantId: string | null): Promise<{ seq: number; hash: string } | null> {
    const rows: Array<{ seq: string; hash: string }> = await manager.query(
      `SELECT seq, hash FROM audit_log
        WHERE coalesce(tenant_id, '${PLATFORM_CHAIN}'::uuid) = coalesce($1::uuid, '${PLATFORM_CHAIN}'::uuid)
        ORDER BY seq DESC LIMIT 1`,
      [tenantId],
    );
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  async insert(
    manager: EntityManager,
    e: Omit<AuditEntry, 'id' | 'at' | 'seq'> & {
      tenantId: string | null;
      seq: number;
      at: string;
    },
  ): Promise<AuditEntry> {
    const rows: AuditRow[] = await manager.query(
      `INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor_email, action, entity_type, entity_id, request_id, ip, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
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
        e.details,
        e.prevHash,
        e.hash,
      ],
    );
    return toAuditEntry(rows[0]);
  }
}
