import {
  Env,
  loadEnv,
  platformDataSourceOptions,
  prepareDatabase,
  SqlDatabase,
  tenantMigrationsTotal,
} from '@app/core';
import {
  LATEST_TENANT_REVISION,
  TenantMigrationRepository,
  TenantMigrationRunner,
  TenantMigrationSummary,
} from '@app/tenants';
import { DataSource } from 'typeorm';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../../utils/test-database';

/**
 * The start-up runner against a database of its own: the e2e apps of the same run migrate every
 * stale tenant of the shared test database when they boot, which would race with these counts.
 */
describe('tenant migration runner', () => {
  const databaseName = `strata_test_tm_${uniqueSuffix()}`;
  let env: Env;
  let db: DataSource;

  const runner = () => new TenantMigrationRunner(new TenantMigrationRepository(new SqlDatabase(db)), env);

  /** `count` tenant rows at revision 0 with empty schemas, made in two statements. */
  async function seedTenants(prefix: string, count: number): Promise<string[]> {
    const slugs = Array.from({ length: count }, (_, i) => `${prefix}_${String(i).padStart(3, '0')}`);
    await db.query(
      `INSERT INTO tenants (name, slug, schema_name, system_revision)
       SELECT s, s, 'tenant_' || s, 0 FROM unnest($1::text[]) AS s`,
      [slugs],
    );
    await db.query(`DO $$ DECLARE s text; BEGIN
      FOR s IN SELECT schema_name FROM tenants WHERE slug LIKE '${prefix}\\_%' LOOP
        EXECUTE format('CREATE SCHEMA %I', s);
      END LOOP; END $$`);
    return slugs;
  }

  async function removeTenants(prefix: string): Promise<void> {
    await db.query(`DO $$ DECLARE s text; BEGIN
      FOR s IN SELECT schema_name FROM tenants WHERE slug LIKE '${prefix}\\_%' LOOP
        EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', s);
      END LOOP; END $$`);
    await db.query(`DELETE FROM tenants WHERE slug LIKE $1`, [`${prefix}\\_%`]);
  }

  async function systemTablesIn(prefix: string): Promise<Map<string, string[]>> {
    const rows: Array<{ schemaname: string; tablename: string }> = await db.query(
      `SELECT schemaname, tablename FROM pg_tables WHERE schemaname LIKE $1 AND tablename LIKE '\\_%' ORDER BY 1, 2`,
      [`tenant_${prefix}\\_%`],
    );
    const bySchema = new Map<string, string[]>();
    for (const r of rows) bySchema.set(r.schemaname, [...(bySchema.get(r.schemaname) ?? []), r.tablename]);
    return bySchema;
  }

  const counterValue = async (outcome: 'success' | 'failure') =>
    (await tenantMigrationsTotal.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

  beforeAll(async () => {
    env = loadEnv({ ...process.env, DATABASE_URL: databaseUrlFor(databaseName), TENANT_MIGRATION_CONCURRENCY: '4' });
    await prepareDatabase(env);
    db = new DataSource({ ...platformDataSourceOptions(env), extra: { max: 8 } });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(databaseName);
  });

  it('migrates 200 stale tenants, reports the one that fails, and leaves them alone the second time', async () => {
    const prefix = `m${uniqueSuffix()}`;
    const slugs = await seedTenants(prefix, 200);
    const broken = slugs[137];
    // A view squatting on the name of the first system table makes that tenant's migration fail.
    await db.query(`CREATE VIEW "tenant_${broken}"."_record_history" AS SELECT 1 AS x`);
    const successBefore = await counterValue('success');
    const failureBefore = await counterValue('failure');

    const first: TenantMigrationSummary = await runner().migrateAll();

    expect(first.migrated).toBe(199);
    expect(first.upToDate).toBe(0);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0].slug).toBe(broken);
    expect(first.failed[0].error).toMatch(/_record_history/);
    expect((await counterValue('success')) - successBefore).toBe(199);
    expect((await counterValue('failure')) - failureBefore).toBe(1);

    const revisions: Array<{ slug: string; system_revision: number }> = await db.query(
      `SELECT slug, system_revision FROM tenants WHERE slug LIKE $1`,
      [`${prefix}\\_%`],
    );
    expect(revisions).toHaveLength(200);
    for (const r of revisions) expect(r.system_revision).toBe(r.slug === broken ? 0 : LATEST_TENANT_REVISION);

    const tables = await systemTablesIn(prefix);
    expect(tables.size).toBe(199);
    for (const slug of slugs.filter((s) => s !== broken)) {
      expect(tables.get(`tenant_${slug}`)).toEqual(['_import_batches', '_record_history', '_record_history_batches']);
    }
    // The failed tenant's transaction left nothing behind: not even the second migration's table.
    expect(tables.has(`tenant_${broken}`)).toBe(false);

    const second = await runner().migrateAll();
    expect(second.migrated).toBe(0);
    expect(second.upToDate).toBe(199);
    expect(second.failed.map((f) => f.slug)).toEqual([broken]);
    expect((await counterValue('success')) - successBefore).toBe(199);

    // Once the obstacle is gone, the next start-up repairs that tenant too.
    await db.query(`DROP VIEW "tenant_${broken}"."_record_history"`);
    const third = await runner().migrateAll();
    expect(third).toEqual({ migrated: 1, failed: [], upToDate: 199 });

    await removeTenants(prefix);
    expect(await systemTablesIn(prefix)).toEqual(new Map());
  });

  it("waits for the tenant's lock however long another holder keeps it (a schema change, another process's run), and counts no failure", async () => {
    const prefix = `w${uniqueSuffix()}`;
    const [slug] = await seedTenants(prefix, 1);
    const [{ id }]: Array<{ id: string }> = await db.query(`SELECT id FROM tenants WHERE slug = $1`, [slug]);
    const revision = async () =>
      (
        (await db.query(`SELECT system_revision FROM tenants WHERE id = $1`, [id])) as Array<{
          system_revision: number;
        }>
      )[0].system_revision;
    const failureBefore = await counterValue('failure');
    // A schema change of this tenant holds the tenant's lock for five times the lock timeout.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const lockHeld = new Promise<void>((resolve) => (held = resolve));
    const schemaChange = new SqlDatabase(db).tenantTransaction(id, {}, async () => {
      held();
      await released;
    });
    await lockHeld;
    const waiting = runner();
    waiting.lockTimeoutMs = 200;
    const run = waiting.migrateAll();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await revision()).toBe(0);
    release();
    await schemaChange;

    const summary = await run;
    expect(summary.failed).toEqual([]);
    expect(summary.migrated).toBe(1);
    expect(await revision()).toBe(LATEST_TENANT_REVISION);
    expect((await counterValue('failure')) - failureBefore).toBe(0);
    await removeTenants(prefix);
  });

  it('lets two processes start together: each tenant is migrated exactly once', async () => {
    const prefix = `p${uniqueSuffix()}`;
    await seedTenants(prefix, 40);
    const [a, b] = await Promise.all([runner().migrateAll(), runner().migrateAll()]);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(a.migrated + b.migrated).toBe(40);
    const tables = await systemTablesIn(prefix);
    expect([...tables.values()].every((t) => t.length === 3)).toBe(true);
    expect(tables.size).toBe(40);
    await removeTenants(prefix);
  });
});
