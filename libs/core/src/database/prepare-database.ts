import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Env } from '../config/env.schema';
import { quoteIdent } from '../sql/sql-identifier';
import { grantAppRole } from './app-role-grants';
import { assertAppRoleConfined } from './assert-app-role-confined';
import { resolveDatabaseRoles } from './database-roles';
import { databaseName, maintenanceUrl } from './database-url';
import { platformDataSourceOptions } from './data-source-options';
import { ensureAppRole } from './provision-app-role';
import { handTenantSchemasTo } from './tenant-schema-handover';

const MIGRATION_LOCK_KEY = 732_300_001;

/** Creates the database named in DATABASE_URL when it is missing and the role may create it. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const client = new Client({ connectionString: maintenanceUrl(databaseUrl) });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Applies the checked-in platform migrations as DATABASE_URL's role, then grants the app role what
 * it needs and hands it the tenant schemas; an advisory lock keeps concurrent starts in line.
 */
export async function runPlatformMigrations(env: Env, appRole: string | null = null): Promise<string[]> {
  const dataSource = new DataSource({
    ...platformDataSourceOptions(env),
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (appRole) {
        await grantAppRole(dataSource, appRole, databaseName(env.DATABASE_URL));
        await handTenantSchemasTo(dataSource, appRole);
      }
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Everything the database needs before the app connects: the database itself, the app's role
 * (provisioned when DATABASE_URL is a superuser), the migrations and the app role's grants.
 */
export async function prepareDatabase(
  env: Env,
): Promise<{ created: boolean; migrations: string[]; appRole: string | null }> {
  const created = await ensureDatabaseExists(env.DATABASE_URL);
  const roles = await resolveDatabaseRoles(env);
  if (roles.provisioned) await ensureAppRole(env);
  const migrations = await runPlatformMigrations(env, roles.appRole);
  if (roles.appRole) await assertAppRoleConfined(roles.appUrl);
  else {
    new Logger('Database').warn(
      'The app runs as the owner of audit_log (DATABASE_URL is no superuser and DATABASE_APP_URL is unset), so the ' +
        'audit trigger does not hold against its own statements; set DATABASE_APP_URL (docs/operations.md)',
    );
  }
  return { created, migrations, appRole: roles.appRole };
}
