import { SqlExecutor } from '../runner/sql-executor';
import { CatalogObject, CatalogSnapshot, CatalogTable } from './catalog-snapshot';

export interface ReadCatalogOptions {
  /** Also list tables and columns whose names start with `_` (system tables, set-aside items). */
  includeReserved?: boolean;
}

// Each query takes an array of schema names: one round of five queries reads many schemas.
const TABLES = `
SELECT n.nspname AS schema, c.oid::int AS oid, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::name[]) AND c.relkind IN ('r', 'p')`;

const COLUMNS = `
SELECT a.attrelid::int AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS "default",
       col_description(a.attrelid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = ANY($1::name[]) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`;

const INDEXES = `
SELECT i.indrelid::int AS oid, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
WHERE n.nspname = ANY($1::name[])`;

const CONSTRAINTS = `
SELECT con.conrelid::int AS oid, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
WHERE n.nspname = ANY($1::name[]) AND con.conrelid <> 0`;

const TRIGGERS = `
SELECT t.tgrelid::int AS oid, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::name[]) AND NOT t.tgisinternal`;

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
  for (const row of await db.query(COLUMNS, [names])) {
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
    for (const row of await db.query(sql, [names])) {
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
