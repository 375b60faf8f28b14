import { DriftCheckTarget, SchemaDriftCheck, SqlDatabase } from '@app/core';
import { Injectable } from '@nestjs/common';
import { schemaDriftedTenants } from '../metrics/schema-metrics';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';
import { catalogHashes } from './catalog-hash';
import { runnerExecutor } from './sql-runner-executor';

/** Tenant schemas whose catalogs one round of queries reads: 100 keeps each answer small. */
export const DRIFT_CHECK_BATCH = 100;

/**
 * The cheap drift check the tenant-migration runner calls: per tenant with a schema version, the
 * fingerprint of its live catalog against the one stored when that version was applied (catalog
 * reads only; the drift route does the full comparison). Sets `strata_schema_drifted_tenants`.
 * Reads the catalogs of `DRIFT_CHECK_BATCH` tenants at a time: five queries per batch, not per tenant.
 */
@Injectable()
export class SchemaDriftReport implements SchemaDriftCheck {
  constructor(
    private readonly db: SqlDatabase,
    private readonly versions: SchemaVersionsRepository,
  ) {}

  async drifted(targets: DriftCheckTarget[]): Promise<DriftCheckTarget[]> {
    const drifted: DriftCheckTarget[] = [];
    for (let i = 0; i < targets.length; i += DRIFT_CHECK_BATCH) {
      drifted.push(...(await this.driftedIn(targets.slice(i, i + DRIFT_CHECK_BATCH))));
    }
    schemaDriftedTenants.set(drifted.length);
    return drifted;
  }

  /** One batch: the stored fingerprints in one query, the live ones in five. */
  private async driftedIn(targets: DriftCheckTarget[]): Promise<DriftCheckTarget[]> {
    const latest = await this.versions.latestOf(
      this.db,
      targets.map((t) => t.tenantId),
    );
    const expected = new Map(latest.map((v) => [v.tenantId, v.catalogHash]));
    const versioned = targets.filter((t) => expected.has(t.tenantId));
    if (versioned.length === 0) return [];
    const live = await catalogHashes(
      runnerExecutor(this.db),
      versioned.map((t) => t.schemaName),
    );
    return versioned.filter((t) => live.get(t.schemaName) !== expected.get(t.tenantId));
  }
}
