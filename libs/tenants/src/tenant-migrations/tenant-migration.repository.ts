import { sql, SqlDatabase, SqlQuery, tenantLockKey } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantMigrationStatement, TenantMigrationTarget } from './tenant-migration';

interface StaleRow {
  up_to_date: number;
  id: string | null;
  slug: string | null;
  schema_name: string | null;
}

/** Reads and writes what the tenant-migration runner needs; no rules. */
@Injectable()
export class TenantMigrationRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** In one query (one snapshot): the tenants whose schema is behind `latest`, and how many are not. */
  async findStale(latest: number): Promise<{ stale: TenantMigrationTarget[]; upToDate: number }> {
    const rows = await this.db.query<StaleRow>(
      sql`WITH current AS (SELECT count(*)::int AS up_to_date FROM tenants WHERE system_revision >= ${latest})
          SELECT current.up_to_date, t.id, t.slug, t.schema_name
            FROM current LEFT JOIN tenants t ON t.system_revision < ${latest}
           ORDER BY t.slug`,
    );
    return {
      stale: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, slug: r.slug!, schemaName: r.schema_name! })),
      upToDate: rows[0].up_to_date,
    };
  }

  /** Every tenant, as the schema drift report checks them. */
  async findAll(): Promise<TenantMigrationTarget[]> {
    const rows = await this.db.query<{ id: string; slug: string; schema_name: string }>(
      sql`SELECT id, slug, schema_name FROM tenants ORDER BY slug`,
    );
    return rows.map((r) => ({ id: r.id, slug: r.slug, schemaName: r.schema_name }));
  }

  /** Tenants whose schema is behind `latest`: their migration failed, or has not run yet. */
  async countBehind(latest: number): Promise<number> {
    const [row] = await this.db.query<{ behind: number }>(
      sql`SELECT count(*)::int AS behind FROM tenants WHERE system_revision < ${latest}`,
    );
    return row.behind;
  }

  /**
   * Runs `fn` for one tenant in a tenant-scoped transaction of its own (`SqlDatabase.tenantTransaction`):
   * first it waits, as long as it takes, for the tenant's lock, which schema changes and another
   * process's run of the same tenant also take (waiting is no failure: the other run does the
   * work), then every other lock wait ends after `lockTimeoutMs`.
   */
  inTenantTransaction<T>(
    tenantId: string,
    lockTimeoutMs: number,
    fn: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.db.tenantTransaction(tenantId, { lockTimeoutMs }, (tx) => fn(tx.manager));
  }

  /**
   * Takes the tenant's lock (`tenantLockKey`, the one schema changes take) until the transaction
   * ends, so migration runs of one tenant (API and worker may start together) and schema changes
   * go one after the other; then reads its current revision with the row locked; null when it is
   * gone. Taking the lock again in the same transaction is free.
   */
  async lockTenant(manager: EntityManager, tenantId: string): Promise<number | null> {
    const tx = this.db.within(manager);
    await tx.query(sql`SELECT pg_advisory_xact_lock(hashtextextended(${tenantLockKey(tenantId)}, 0))`);
    const rows = await tx.query<{ system_revision: number }>(
      sql`SELECT system_revision FROM tenants WHERE id = ${tenantId} FOR UPDATE`,
    );
    return rows[0]?.system_revision ?? null;
  }

  async run(manager: EntityManager, statement: TenantMigrationStatement): Promise<void> {
    await this.db.within(manager).execute(statement instanceof SqlQuery ? statement : new SqlQuery(statement, []));
  }

  async setRevision(manager: EntityManager, tenantId: string, revision: number): Promise<void> {
    await this.db.within(manager).execute(sql`UPDATE tenants SET system_revision = ${revision} WHERE id = ${tenantId}`);
  }
}
