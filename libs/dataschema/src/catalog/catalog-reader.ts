import { SqlExecutor } from '../runner/sql-executor';
import { CatalogObject, CatalogSnapshot, CatalogTable } from './catalog-snapshot';

export interface ReadCatalogOptions {
  /** Also list tables and columns whose names start with `_` (system tables, set-aside items). */
  includeReserved?: boolean;
}

/*
 * Every lookup goes through an index: pg_class has none on its namespace, so "the tables of schema
 * X" by `relnamespace` scanned all of pg_class (and pg_constraint by `connamespace`), which grows
 * with every tenant (40 ms a schema with 1,000 tenants). A relation's dependency on its namespace
 * in pg_depend is indexed; the other catalogs are then read by table oid. The first query takes an
 * array of schema names, the others an array of table oids, so one round reads many schemas.
 */
const TABLES = `
SELECT n.nspname AS schema, c.oid::int AS oid, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
FROM pg_namespace n
JOIN pg_depend dep ON dep.refclassid = 'pg_namespace'::regclass AND dep.refobjid = n.oid
                  AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'n'
JOIN pg_class c ON c.oid = dep.objid AND c.relnamespace = n.oid
WHERE n.nspname = ANY($1::name[]) AND c.relkind IN ('r', 'p')`;

const COLUMNS = `
SELECT a.attrelid::int AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS "default",
       col_description(a.attrelid, a.attnum) AS comment
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`;

const INDEXES = `
SELECT i.indrelid::int AS oid, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY($1::oid[])`;

const CONSTRAINTS = `
SELECT con.conrelid::int AS oid, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
FROM pg_constraint con
WHERE con.conrelid = ANY($1::oid[])`;

const TRIGGERS = `
SELECT t.tgrelid::int AS oid, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
FROM pg_trigger t
WHERE t.tgrelid = ANY($1::oid[]) AND NOT t.tgisinternal`;

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Removes `schema.` / `"schema".` from a printed definition, so that two schemas compare equal. */
export function withoutSchema(text: string, schema: string): string {
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const quoted = `"${schema.replace(/"/g, '""')}"`;
  return text.replace(new RegExp(`(?<![A-Za-z0-9_$"])(${escaped(quoted)}|${escaped(schema)})\\.`, 'g'), '');
}

/** Reads the tables, columns, indexes, constraints and triggers of one schema from pg_catalog. */
export async function readCatalog(
  db: SqlExecutor,
  schema: string,
  options: ReadCatalogOptions = {},
): Promise<CatalogSnapshot> {
  return (await readCatalogs(db, [schema], options)).get(schema)!;
}

/**
 * `readCatalog` of several schemas in the same five queries (each snapshot as `readCatalog` reads
 * it): what checking every tenant at start-up needs, instead of five queries a tenant.
 */
export async function readCatalogs(
  db: SqlExecutor,
  schemas: readonly string[],
  options: ReadCatalogOptions = {},
): Promise<Map<string, CatalogSnapshot>> {
  const keep = (name: unknown) => options.includeReserved === true || !String(name).startsWith('_');
  const tables = new Map<number, { schema: string; table: CatalogTable }>();
  const names = [...schemas];
  for (const row of await db.query(TABLES, [names])) {
    if (!keep(row.name)) continue;
    tables.set(Number(row.oid), {
      schema: String(row.schema),
      table: {
        name: String(row.name),
        comment: (row.comment as string | null) ?? null,
        columns: [],
        indexes: [],
        constraints: [],
        triggers: [],
      },
    });
  }
  if (tables.size > 0) await readTableParts(db, tables, keep);
  const bySchema = new Map<string, CatalogTable[]>(names.map((name) => [name, []]));
  for (const { schema, table } of tables.values()) bySchema.get(schema)?.push(table);
  const snapshots = new Map<string, CatalogSnapshot>();
  for (const [schema, list] of bySchema) {
    const sorted = list.sort(byName);
    for (const t of sorted) for (const l of [t.columns, t.indexes, t.constraints, t.triggers]) l.sort(byName);
    snapshots.set(schema, { tables: sorted });
  }
  return snapshots;
}

/** The columns, indexes, constraints and triggers of the tables read, by table oid. */
async function readTableParts(
  db: SqlExecutor,
  tables: Map<number, { schema: string; table: CatalogTable }>,
  keep: (name: unknown) => boolean,
): Promise<void> {
  const oids = [...tables.keys()];
  for (const row of await db.query(COLUMNS, [oids])) {
    const found = tables.get(Number(row.oid));
    if (!found || !keep(row.name)) continue;
    found.table.columns.push({
      name: String(row.name),
      type: String(row.type),
      notNull: row.not_null === true,
      default: row.default === null ? null : withoutSchema(String(row.default), found.schema),
      comment: (row.comment as string | null) ?? null,
    });
  }
  const objects = async (sql: string, pick: (t: CatalogTable) => CatalogObject[]) => {
    for (const row of await db.query(sql, [oids])) {
      const found = tables.get(Number(row.oid));
      if (found)
        pick(found.table).push({
          name: String(row.name),
          definition: withoutSchema(String(row.definition), found.schema),
        });
    }
  };
  await objects(INDEXES, (t) => t.indexes);
  await objects(CONSTRAINTS, (t) => t.constraints);
  await objects(TRIGGERS, (t) => t.triggers);
}
