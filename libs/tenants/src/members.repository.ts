import { AccessChanges, raw, sql, SqlDatabase, TenantRole, UserMembership } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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

const MEMBER_COLUMNS = raw(`m.user_id, u.email, u.username, m.role, m.created_at, m.updated_at`);

/** Reads and writes `public.memberships`; no rules. */
@Injectable()
export class MembersRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly accessChanges: AccessChanges,
  ) {}

  async list(tenantId: string, offset: number, limit: number): Promise<{ count: number; rows: MemberRecord[] }> {
    const [rows, counts] = await Promise.all([
      this.db.query<MemberRow>(
        sql`SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.tenant_id = ${tenantId} ORDER BY u.email, m.user_id OFFSET ${offset} LIMIT ${limit}`,
      ),
      this.db.query<{ count: number }>(
        sql`SELECT count(*)::int AS count FROM memberships WHERE tenant_id = ${tenantId}`,
      ),
    ]);
    return { count: counts[0].count, rows: rows.map(toRecord) };
  }

  /** The tenants a user belongs to, with their role, in slug order. */
  membershipsOfUser(userId: string): Promise<UserMembership[]> {
    return this.db.query<UserMembership>(
      sql`SELECT t.id AS "tenantId", t.slug, t.name, m.role
            FROM memberships m
            JOIN tenants t ON t.id = m.tenant_id
           WHERE m.user_id = ${userId}
           ORDER BY t.slug`,
    );
  }

  /** One member, its row locked until the transaction ends. */
  async lockOne(manager: EntityManager, tenantId: string, userId: string): Promise<MemberRecord | null> {
    const rows = await this.db.within(manager).query<MemberRow>(
      sql`SELECT ${MEMBER_COLUMNS} FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = ${tenantId} AND m.user_id = ${userId} FOR UPDATE OF m`,
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Admins of the tenant other than this user whose accounts are active. */
  async countOtherActiveAdmins(manager: EntityManager, tenantId: string, userId: string): Promise<number> {
    const rows = await this.db.within(manager).query<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.tenant_id = ${tenantId} AND m.role = ${TenantRole.Admin} AND m.user_id <> ${userId}
             AND u.is_active`,
    );
    return rows[0].count;
  }

  /** Locks, in id order, the tenant rows where one of these users is an admin (see `TenantAdminRule`). */
  async lockTenantsAdministeredBy(manager: EntityManager, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.within(manager).query(
      sql`SELECT id FROM tenants
           WHERE id IN (SELECT tenant_id FROM memberships
                         WHERE role = ${TenantRole.Admin} AND user_id = ANY(${userIds}::uuid[]))
           ORDER BY id
             FOR UPDATE`,
    );
  }

  /** Slugs of the tenants where this user is an admin and no other active user is. */
  async tenantsWithNoOtherActiveAdmin(manager: EntityManager, userId: string): Promise<string[]> {
    const rows = await this.db.within(manager).query<{ slug: string }>(
      sql`SELECT t.slug
            FROM memberships m
            JOIN tenants t ON t.id = m.tenant_id
           WHERE m.user_id = ${userId} AND m.role = ${TenantRole.Admin}
             AND NOT EXISTS (
               SELECT 1 FROM memberships other JOIN users u ON u.id = other.user_id
                WHERE other.tenant_id = m.tenant_id AND other.role = ${TenantRole.Admin}
                  AND other.user_id <> m.user_id AND u.is_active)
           ORDER BY t.slug`,
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
    const rows = await this.db.within(manager).query<{ created_at: Date; updated_at: Date }>(
      sql`INSERT INTO memberships (tenant_id, user_id, role) VALUES (${tenantId}, ${userId}, ${role})
          ON CONFLICT ON CONSTRAINT memberships_tenant_user_key DO NOTHING
          RETURNING created_at, updated_at`,
    );
    await this.accessChanges.changed(manager);
    return rows[0] ? { createdAt: rows[0].created_at, updatedAt: rows[0].updated_at } : null;
  }

  async updateRole(manager: EntityManager, tenantId: string, userId: string, role: TenantRole): Promise<Date> {
    const rows = await this.db.within(manager).query<{ updated_at: Date }>(
      sql`UPDATE memberships SET role = ${role}, updated_at = now()
           WHERE tenant_id = ${tenantId} AND user_id = ${userId} RETURNING updated_at`,
    );
    await this.accessChanges.changed(manager);
    return rows[0].updated_at;
  }

  async delete(manager: EntityManager, tenantId: string, userId: string): Promise<void> {
    await this.db
      .within(manager)
      .execute(sql`DELETE FROM memberships WHERE tenant_id = ${tenantId} AND user_id = ${userId}`);
    await this.accessChanges.changed(manager);
  }
}
