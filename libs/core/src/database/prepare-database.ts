import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Env } from '../config/env.schema';
import { quoteIdent } from '../sql/sql-identifier';
import { platformDataSourceOptions } from './data-source-options';

const MIGRATION_LOCK_KEY = 732_300_001;

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  return name;
}

/** Creates the database named in DATABASE_URL when it is missing and the role may create it. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
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

/** Applies the checked-in platform migrations; an advisory lock keeps concurrent starts in line. */
export async function runPlatformMigrations(env: Env): Promise<string[]> {
  const dataSource = new DataSource({
    ...platformDataSourceOptions(env),
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}

export async function prepareDatabase(env: Env): Promise<{ created: boolean; migrations: string[] }> {
  const created = await ensureDatabaseExists(env.DATABASE_URL);
  const migrations = await runPlatformMigrations(env);
  return { created, migrations };
}
