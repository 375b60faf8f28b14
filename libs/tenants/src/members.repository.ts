import { TenantRole } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A membership with the user's name and email. */
export interface MemberRecord {
  userId: string;
  email: string;
  username: string;
  role: TenantRole;
  createdAt: Date;
  updatedAt: Date;
}

interface MemberRow {
  user_id: string;
  email: string;
  username: string;
  role: TenantRole;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (row: MemberRow): MemberRecord => ({
  userId: row.user_id,
  email: row.email,
  username: row.username,
  role: row.role,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const MEMBER_COLUMNS = `m.user_id, u.email, u.username, m.role, m.created_at, m.updated_at`;

/** Reads and writes `public.memberships`; no rules. */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(tenantId: string, offset: number, limit: number): Promise<{ count: number; rows: MemberRecord[] }> {
    const [rows, counts]: [MemberRow[], Array<{ count: string }>] = await Promise.all([
      this.dataSource.query(
        `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = $1 ORDER BY u.email, m.user_id OFFSET $2 LIMIT $3`,
        [tenantId, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS count FROM memberships WHERE tenant_id = $1`, [tenantId]),
    ]);
    return { count: Number(counts[0].count), rows: rows.map(toRecord) };
  }

  /** One member, its row locked until the transaction ends. */
  async lockOne(manager: EntityManager, tenantId: string, userId: string): Promise<MemberRecord | null> {
    const rows: MemberRow[] = await manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.user_id = $2 FOR UPDATE OF m`,
      [tenantId, userId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async countAdmins(manager: EntityManager, tenantId: string): Promise<number> {
    const rows: Array<{ count: string }> = await manager.query(
      `SELECT count(*) AS count FROM memberships WHERE tenant_id = $1 AND role = $2`,
      [tenantId, TenantRole.Admin],
    );
    return Number(rows[0].count);
  }

  /** Adds the membership; null when the user already is a member. */
  async insert(
    manager: EntityManager,
    tenantId: string,
    userId: string,
    role: TenantRole,
  ): Promise<{ createdAt: Date; updatedAt: Date } | null> {
    const rows: Array<{ created_at: Date; updated_at: Date }> = await manager.query(
      `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT memberships_tenant_user_key DO NOTHING
       RETURNING created_at, updated_at`,
      [tenantId, userId, role],
    );
    return rows[0] ? { createdAt: rows[0].created_at, updatedAt: rows[0].updated_at } : null;
  }

  async updateRole(manager: EntityManager, tenantId: string, userId: string, role: TenantRole): Promise<Date> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = (await manager.query(
      `UPDATE memberships SET role = $3, updated_at = now() WHERE tenant_id = $1 AND user_id = $2 RETURNING updated_at`,
      [tenantId, userId, role],
    )) as [Array<{ updated_at: Date }>, number];
    return rows[0].updated_at;
  }

  async delete(manager: EntityManager, tenantId: string, userId: string): Promise<void> {
    await manager.query(`DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
  }
}
