import { Env, InjectEnv, SCHEMA_DRIFT_CHECK, type SchemaDriftCheck, tenantMigrationsTotal } from '@app/core';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { runBounded } from './run-bounded';
import { TenantMigrationSummary, TenantMigrationTarget } from './tenant-migration';
import { TenantMigrationRepository } from './tenant-migration.repository';
import { LATEST_TENANT_REVISION, pendingTenantMigrations } from './tenant-migrations';

/** How long one tenant's run waits for a lock (its row, its tables) before it fails; never for another process's run. */
export const TENANT_MIGRATION_LOCK_TIMEOUT_MS = 10_000;

/**
 * Brings the system tables of tenant schemas up to date: for a new tenant inside its create
 * transaction, and for every stale tenant at start-up.
 */
@Injectable()
export class TenantMigrationRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TenantMigrationRunner.name);
  /** The start-up drift report, still running while the app already serves. */
  private startupDriftReport: Promise<unknown> = Promise.resolve();

  /** How long one tenant's run waits for its row and tables, once it is its turn. */
  lockTimeoutMs = TENANT_MIGRATION_LOCK_TIMEOUT_MS;

  constructor(
    private readonly repository: TenantMigrationRepository,
    @InjectEnv() private readonly env: Env,
    @Optional() @Inject(SCHEMA_DRIFT_CHECK) private readonly driftCheck?: SchemaDriftCheck,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.migrateAll();
    } catch (error) {
      // Not even the stale tenants could be listed; start anyway, the next start retries.
      this.logger.error(`Tenant migrations did not run: ${messageOf(error)}`);
    }
    // Only a log line and a gauge come of it, and it reads every tenant's catalog: start-up
    // does not wait for it.
    this.startupDriftReport = this.reportSchemaDrift();
  }

  async onModuleDestroy(): Promise<void> {
    await this.startupDriftReport;
  }

  /**
   * Logs the tenants whose schema someone changed outside Strata (the check also sets the
   * `strata_schema_drifted_tenants` gauge). Returns their slugs; never fails start-up.
   */
  async reportSchemaDrift(): Promise<string[]> {
    if (!this.driftCheck) return [];
    try {
      const tenants = await this.repository.findAll();
      const drifted = await this.driftCheck.drifted(
        tenants.map((t) => ({ tenantId: t.id, slug: t.slug, schemaName: t.schemaName })),
      );
      const slugs = drifted.map((t) => t.slug);
      if (slugs.length > 0) {
        this.logger.warn(
          `Schema drift in ${slugs.length} tenant(s): ${slugs.join(', ')}; GET /api/tenants/<slug>/schema/drift lists the differences`,
        );
      }
      return slugs;
    } catch (error) {
      this.logger.error(`Schema drift check did not run: ${messageOf(error)}`);
      return [];
    }
  }

  /**
   * Applies the pending migrations to one tenant's schema and records its new revision, all
   * inside the caller's transaction. Returns how many were applied (0 when already up to date).
   */
  async migrateTenant(manager: EntityManager, tenant: TenantMigrationTarget): Promise<number> {
    const current = await this.repository.lockTenant(manager, tenant.id);
    if (current === null) return 0;
    const pending = pendingTenantMigrations(current);
    for (const migration of pending) {
      for (const statement of migration.up(tenant.schemaName)) await this.repository.run(manager, statement);
    }
    if (pending.length) await this.repository.setRevision(manager, tenant.id, pending[pending.length - 1].revision);
    return pending.length;
  }

  /** Migrates every stale tenant, each in its own transaction; a failure never stops the others. */
  async migrateAll(): Promise<TenantMigrationSummary> {
    const { stale, upToDate } = await this.repository.findStale(LATEST_TENANT_REVISION);
    const summary: TenantMigrationSummary = { migrated: 0, failed: [], upToDate };
    await runBounded(stale, this.env.TENANT_MIGRATION_CONCURRENCY, async (tenant) => {
      try {
        const applied = await this.repository.inTenantTransaction(tenant.id, this.lockTimeoutMs, (manager) =>
          this.migrateTenant(manager, tenant),
        );
        if (applied > 0) {
          summary.migrated++;
          tenantMigrationsTotal.inc({ outcome: 'success' });
        } else {
          // Another process got there first.
          summary.upToDate++;
        }
      } catch (error) {
        const message = messageOf(error);
        summary.failed.push({ slug: tenant.slug, error: message });
        tenantMigrationsTotal.inc({ outcome: 'failure' });
        this.logger.error(`Tenant migration failed for tenant ${tenant.slug}: ${message}`);
      }
    });
    summary.failed.sort((a, b) => a.slug.localeCompare(b.slug));
    this.logger.log(
      `Tenant migrations to revision ${LATEST_TENANT_REVISION}: ${summary.migrated} migrated, ` +
        `${summary.failed.length} failed, ${summary.upToDate} up to date`,
    );
    return summary;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
