import { DataSource } from 'typeorm';
import { quoteIdent } from '../sql/sql-identifier';

/**
 * One `ALTER ... OWNER TO` per object in a tenant schema that the app role does not own yet: the
 * schema itself first, then its tables, views, free-standing sequences, types and routines.
 * Indexes and the sequences of identity or serial columns follow their table.
 */
const FOREIGN_OWNED_OBJECTS = `
  WITH app AS (SELECT oid FROM pg_roles WHERE rolname = $1),
  tenant AS (SELECT n.oid, n.nspname, n.nspowner FROM pg_namespace n JOIN public.tenants t ON t.schema_name = n.nspname)
  SELECT nspname AS schema, 0 AS step, format('ALTER SCHEMA %I OWNER TO %I', nspname, $1::text) AS statement
    FROM tenant WHERE nspowner <> (SELECT oid FROM app)
  UNION ALL
  SELECT s.nspname, 1, format('ALTER %s %I.%I OWNER TO %I',
           CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                          WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, s.nspname, c.relname, $1::text)
    FROM pg_class c JOIN tenant s ON s.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relowner <> (SELECT oid FROM app)
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                       AND c.relkind = 'S' AND d.deptype IN ('a', 'i'))
  UNION ALL
  SELECT s.nspname, 2, format('ALTER %s %I.%I OWNER TO %I',
           CASE ty.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, s.nspname, ty.typname, $1::text)
    FROM pg_type ty JOIN tenant s ON s.oid = ty.typnamespace
   WHERE ty.typowner <> (SELECT oid FROM app)
     AND (ty.typtype IN ('e', 'd', 'r', 'm')
          OR (ty.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = ty.typrelid) = 'c'))
  UNION ALL
  SELECT s.nspname, 3, format('ALTER ROUTINE %I.%I(%s) OWNER TO %I', s.nspname, p.proname,
           pg_get_function_identity_arguments(p.oid), $1::text)
    FROM pg_proc p JOIN tenant s ON s.oid = p.pronamespace
   WHERE p.proowner <> (SELECT oid FROM app) AND p.prokind IN ('f', 'p')
  ORDER BY 1, 2, 3`;

/**
 * Makes the app role the owner of every tenant schema and what is in it: tenant schemas are
 * created by the app at run time, so this only moves those made before the app had a role of its
 * own. One transaction per schema; returns the schemas handed over.
 */
export async function handTenantSchemasTo(dataSource: DataSource, role: string): Promise<string[]> {
  const rows: Array<{ schema: string; statement: string }> = await dataSource.query(FOREIGN_OWNED_OBJECTS, [role]);
  const bySchema = new Map<string, string[]>();
  for (const row of rows) bySchema.set(row.schema, [...(bySchema.get(row.schema) ?? []), row.statement]);
  for (const [schema, statements] of bySchema) {
    try {
      await dataSource.transaction(async (manager) => {
        for (const statement of statements) await manager.query(statement);
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Could not hand tenant schema ${quoteIdent(schema)} over to the app role ${role} (${reason}); ` +
          `the role of DATABASE_URL must be a superuser or a member of ${role}`,
      );
    }
  }
  return [...bySchema.keys()];
}
