import { loadEnv, prepareDatabase } from '@app/core';
import { TenantMigrationRunner } from '@app/tenants';
import { asDatabaseSuperuser } from '../utils/superuser-database';
import { startTestApp, TestApp } from '../utils/test-app';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../utils/test-database';

/** The value of one series line, e.g. `strata_tenant_schemas_behind`; undefined when absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A database of its own: the other apps of the run would otherwise try (and fail) the broken tenant too. */
describe('readiness with a tenant whose system migration failed', () => {
  const databaseName = `strata_test_ready_${uniqueSuffix()}`;
  const slug = `broken_${uniqueSuffix()}`;
  let t: TestApp;

  beforeAll(async () => {
    const env = loadEnv({ ...process.env, DATABASE_URL: databaseUrlFor(databaseName) });
    await prepareDatabase(env);
    await asDatabaseSuperuser(
      async (owner) => {
        await owner.query(
          `INSERT INTO tenants (name, slug, schema_name, system_revision) VALUES ($1::text, $1::text, 'tenant_' || $1::text, 0)`,
          [slug],
        );
        await owner.query(`CREATE SCHEMA "tenant_${slug}"`);
        // A view squatting on the name of the first system table makes the tenant's migration fail.
        await owner.query(`CREATE VIEW "tenant_${slug}"."_record_history" AS SELECT 1 AS x`);
      },
      { databaseUrl: env.DATABASE_URL },
    );
    t = await startTestApp({ DATABASE_URL: databaseUrlFor(databaseName) });
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase(databaseName);
  });

  it('answers 200 degraded, naming the part, and counts the tenant in a metric', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'degraded',
      info: {
        database: { status: 'up' },
        redis: { status: 'up' },
        loginRateLimit: { status: 'up' },
        tenantSchemas: {
          status: 'degraded',
          count: 1,
          message: '1 tenant schema is behind its system migrations; see the logs',
        },
      },
    });
    // Readiness is public: no tenant is named.
    expect(res.text).not.toContain(slug);
    const metrics = (await t.http.get('/metrics')).text;
    expect(sample(metrics, 'strata_tenant_schemas_behind')).toBe(1);
    expect(sample(metrics, 'strata_tenant_migrations_total{outcome="failure"}')).toBeGreaterThanOrEqual(1);
  });

  it('is ok again once the tenant is migrated', async () => {
    await asDatabaseSuperuser((owner) => owner.query(`DROP VIEW "tenant_${slug}"."_record_history"`), {
      databaseUrl: t.env.DATABASE_URL,
    });
    expect((await t.app.get(TenantMigrationRunner).migrateAll()).failed).toEqual([]);
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      info: {
        database: { status: 'up' },
        redis: { status: 'up' },
        loginRateLimit: { status: 'up' },
        tenantSchemas: { status: 'up', count: 0 },
      },
    });
    expect(sample((await t.http.get('/metrics')).text, 'strata_tenant_schemas_behind')).toBe(0);
  });
});
