import { DataSource } from 'typeorm';
import { quoteIdent } from '../sql/sql-identifier';

/**
 * Platform tables the app may read and append to, never change: UPDATE, DELETE and TRUNCATE are
 * not granted (their trigger refuses them too). A migration that adds such a table lists it here.
 */
export const APPEND_ONLY_TABLES: readonly string[] = ['audit_log', 'audit_signing_keys', 'schema_versions'];

/**
 * Functions the app may call; they run as their owner (SECURITY DEFINER) and do one narrow thing
 * the app's own rights do not allow. `audit_seal` fills the seal of unsealed audit entries.
 */
export const APP_FUNCTIONS: readonly string[] = ['audit_seal(uuid[], bigint[], text[], text[], text[], text[])'];

/** Platform tables only the owner touches. */
const OWNER_ONLY_TABLES: readonly string[] = ['platform_migrations'];

/**
 * Gives the app role exactly what it needs, in one transaction, after every migration run (so new
 * tables are covered): connect and create schemas (tenant schemas, which it then owns), read and
 * write the platform tables, only read and insert the append-only ones, use their sequences, call
 * the narrow functions of APP_FUNCTIONS.
 */
export async function grantAppRole(dataSource: DataSource, role: string, database: string): Promise<void> {
  const to = quoteIdent(role);
  await dataSource.transaction(async (manager) => {
    const existing = async (tables: readonly string[]) => {
      const rows: Array<{ name: string }> = await manager.query(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
        [tables],
      );
      return rows.map((r) => `public.${quoteIdent(r.name)}`);
    };
    await manager.query(`GRANT CONNECT, CREATE ON DATABASE ${quoteIdent(database)} TO ${to}`);
    await manager.query(`GRANT USAGE ON SCHEMA public TO ${to}`);
    await manager.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${to}`);
    await manager.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${to}`);
    for (const table of await existing(APPEND_ONLY_TABLES)) {
      await manager.query(`REVOKE UPDATE, DELETE ON ${table} FROM ${to}`);
    }
    for (const table of await existing(OWNER_ONLY_TABLES)) await manager.query(`REVOKE ALL ON ${table} FROM ${to}`);
    for (const fn of APP_FUNCTIONS) {
      const [{ found }]: Array<{ found: string | null }> = await manager.query(
        `SELECT to_regprocedure($1)::text AS found`,
        [`public.${fn}`],
      );
      if (found) await manager.query(`GRANT EXECUTE ON FUNCTION public.${fn} TO ${to}`);
    }
    await manager.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${to}`);
    await manager.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${to}`);
  });
}
