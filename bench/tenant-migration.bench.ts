import { loadEnv, SqlDatabase, SqlQuery } from '@app/core';
import { DataSource } from 'typeorm';
import { TENANT_MIGRATIONS, TenantMigrationRepository, TenantMigrationRunner } from '@app/tenants';
import { BenchResult } from './audit-append.bench';
import { timed } from './bench-database';

async function makeTenants(dataSource: DataSource, prefix: string, count: number): Promise<string[]> {
  const schemas = Array.from({ length: count }, (_, i) => `tenant_${prefix}${i}`);
  for (const [i, schema] of schemas.entries()) {
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(`INSERT INTO tenants (name, slug, schema_name) VALUES ($1, $1, $2)`, [
      `${prefix}${i}`,
      schema,
    ]);
  }
  return schemas;
}

/**
 * The start-up runner over `count` stale tenants (locks, revision bookkeeping, bounded
 * concurrency) against the baseline of running the same DDL for the same number of schemas
 * one transaction each, with nothing around it.
 */
export async function tenantMigrationBench(dataSource: DataSource, count: number): Promise<BenchResult> {
  const baselineSchemas = await makeTenants(dataSource, 'base', count);
  const baseline = await timed(async () => {
    for (const schema of baselineSchemas) {
      await dataSource.transaction(async (m) => {
        for (const migration of TENANT_MIGRATIONS) {
          for (const s of migration.up(schema)) await (s instanceof SqlQuery ? m.query(s.text, s.values) : m.query(s));
        }
      });
    }
  });
  await dataSource.query(`UPDATE tenants SET system_revision = $1`, [TENANT_MIGRATIONS.length]);

  await makeTenants(dataSource, 'ours', count);
  const runner = new TenantMigrationRunner(new TenantMigrationRepository(new SqlDatabase(dataSource)), loadEnv({}));
  const ours = await timed(async () => {
    const summary = await runner.migrateAll();
    if (summary.migrated !== count || summary.failed.length) throw new Error(`unexpected: ${JSON.stringify(summary)}`);
  });
  return { name: `tenant migrations, ${count} stale tenants`, ours, baseline, unit: 'ms' };
}
