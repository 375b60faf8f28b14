import { SqlQuery } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TenantMigrationStatement, TenantMigrationTarget } from './tenant-migration';

interface StaleRow {
  up_to_date: string;
  id: string | null;
  slug: string | null;
  schema_name: string | null;
}

/** Reads and writes what the tenant-migration runner needs; no rules. */
@Injectable()
export class TenantMigrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In one query (one snapshot): the tenants whose schema is behind `latest`, and how many are not. */
  async findStale(latest: number): Promise<{ stale: TenantMigrationTarget[]; upToDate: number }> {
    const rows: StaleRow[] = await this.dataSource.query(
      `WITH current AS (SELECT count(*) AS up_to_date FROM tenants WHERE system_revision >= $1)
       SELECT current.up_to_date, t.id, t.slug, t.schema_name
         FROM current LEFT JOIN tenants t ON t.system_revision < $1
        ORDER BY t.slug`,
      [latest],
    );
    return {
      stale: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, slug: r.slug!, schemaName: r.schema_name! })),
      upToDate: Number(rows[0].up_to_date),
    };
  }

  /** Tenants whose schema is behind `latest`: their migration failed, or has not run yet. */
  async countBehind(latest: number): Promise<number> {
    const [row]: Array<{ behind: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS behind FROM tenants WHERE system_revision < $1`,
      [latest],
    );
    return row.behind;
  }

  /**
   * Runs `fn` for one tenant in a transaction of its own: first it waits, as long as it takes, for
   * another process's run of the same tenant to end (that is no failure: the other run does the
   * work), then every other lock wait ends after `lockTimeoutMs`.
   */
  inTenantTransaction<T>(
    tenantId: string,
    lockTimeoutMs: number,
    fn: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.awaitTenantTurn(manager, tenantId);
      await manager.query(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
      return fn(manager);
    });
  }

  /** The per-tenant advisory lock, held until the transaction ends; taking it again in the same one is free. */
  private async awaitTenantTurn(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('tenant-migrations:' || $1, 0))`, [tenantId]);
  }

  /**
   * Serialises migration runs of one tenant (API and worker may start together) until the
   * transaction ends, then reads its current revision with the row locked; null when it is gone.
   */
  async lockTenant(manager: EntityManager, tenantId: string): Promise<number | null> {
    await this.awaitTenantTurn(manager, tenantId);
    const rows: Array<{ system_revision: number }> = await manager.query(
      `SELECT system_revision FROM tenants WHERE id = $1 FOR UPDATE`,
      [tenantId],
    );
    return rows[0]?.system_revision ?? null;
  }

  async run(manager: EntityManager, statement: TenantMigrationStatement): Promise<void> {
    if (statement instanceof SqlQuery) await manager.query(statement.text, statement.values);
    else await manager.query(statement);
  }

  async setRevision(manager: EntityManager, tenantId: string, revision: number): Promise<void> {
    await manager.query(`UPDATE tenants SET system_revision = $2 WHERE id = $1`, [tenantId, revision]);
  }
}
