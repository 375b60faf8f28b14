import { DriftCheckTarget, SchemaDriftCheck, SqlDatabase } from '@app/core';
import { Injectable } from '@nestjs/common';
import { schemaDriftedTenants } from '../metrics/schema-metrics';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';
import { catalogHash } from './catalog-hash';
import { runnerExecutor } from './sql-runner-executor';

/**
 * The cheap drift check the tenant-migration runner calls: per tenant with a schema version, the
 * fingerprint of its live catalog against the one stored when that version was applied (catalog
 * reads only; the drift route does the full comparison). Sets `strata_schema_drifted_tenants`.
 */
@Injectable()
export class SchemaDriftReport implements SchemaDriftCheck {
  constructor(
    private readonly db: SqlDatabase,
    private readonly versions: SchemaVersionsRepository,
  ) {}

  async drifted(targets: DriftCheckTarget[]): Promise<DriftCheckTarget[]> {
    const latest = new Map((await this.versions.latestOfEveryTenant(this.db)).map((v) => [v.tenantId, v.catalogHash]));
    const drifted: DriftCheckTarget[] = [];
    for (const target of targets) {
      const expected = latest.get(target.tenantId);
      if (expected === undefined) continue;
      if ((await catalogHash(runnerExecutor(this.db), target.schemaName)) !== expected) drifted.push(target);
    }
    schemaDriftedTenants.set(drifted.length);
    return drifted;
  }
}
