import { AccessChanges, TenantRole } from '@app/core';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessChanges: AccessChanges,
  ) {}

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

  /** Admins of the tenant other than this user whose accounts are active. */
  async countOtherActiveAdmins(manager: EntityManager, tenantId: string, userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await manager.query(
      `SELECT count(*) AS count FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.role = $2 AND m.user_id <> $3 AND u.is_active`,
      [tenantId, TenantRole.Admin, userId],
    );
    return Number(rows[0].count);
  }

  /** Locks, in id order, the tenant rows where one of these users is an admin (see `TenantAdminRule`). */
  async lockTenantsAdministeredBy(manager: EntityManager, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await manager.query(
      `SELECT id FROM tenants
        WHERE id IN (SELECT tenant_id FROM memberships WHERE role = $2 AND user_id = ANY($1::uuid[]))
        ORDER BY id
          FOR UPDATE`,
      [userIds, TenantRole.Admin],
    );
  }

  /** Slugs of the tenants where this user is an admin and no other active user is. */
  async tenantsWithNoOtherActiveAdmin(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: Array<{ slug: string }> = await manager.query(
      `SELECT t.slug
         FROM memberships m
         JOIN tenants t ON t.id = m.tenant_id
        WHERE m.user_id = $1 AND m.role = $2
          AND NOT EXISTS (
            SELECT 1 FROM memberships other JOIN users u ON u.id = other.user_id
             WHERE other.tenant_id = m.tenant_id AND other.role = $2 AND other.user_id <> m.user_id
               AND u.is_active)
        ORDER BY t.slug`,
      [userId, TenantRole.Admin],
    );
    return rows.map((row) => row.slug);
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
    await this.accessChanges.changed(manager);
    return rows[0] ? { createdAt: rows[0].created_at, updatedAt: rows[0].updated_at } : null;
  }

  async updateRole(manager: EntityManager, tenantId: string, userId: string, role: TenantRole): Promise<Date> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = (await manager.query(
      `UPDATE memberships SET role = $3, updated_at = now() WHERE tenant_id = $1 AND user_id = $2 RETURNING updated_at`,
      [tenantId, userId, role],
    )) as [Array<{ updated_at: Date }>, number];
    await this.accessChanges.changed(manager);
    return rows[0].updated_at;
  }

  async delete(manager: EntityManager, tenantId: string, userId: string): Promise<void> {
    await manager.query(`DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
    await this.accessChanges.changed(manager);
  }
}
