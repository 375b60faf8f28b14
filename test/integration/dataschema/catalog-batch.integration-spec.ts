import {
  CatalogSnapshot,
  readCatalog,
  readCatalogs,
  SCHEMA_TEMPLATES,
  SqlExecutor,
  withoutSchema,
} from '@app/dataschema';
import { Client } from 'pg';
import { dropScratchTenant, migrate, scratchTenant, withIds } from './dataschema-db';

/**
 * What the catalog reader read before it went through indexes: the same five queries, each
 * filtered by namespace (a scan of pg_class and pg_constraint). The reader must find exactly this.
 */
async function catalogByNamespace(client: Client, schema: string): Promise<CatalogSnapshot> {
  const q = async (text: string) => (await client.query(text, [schema])).rows;
  const tables = new Map<number, CatalogSnapshot['tables'][number]>();
  for (const r of await q(`SELECT c.oid::int AS oid, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`)) {
    tables.set(r.oid, { name: r.name, comment: r.comment, columns: [], indexes: [], constraints: [], triggers: [] });
  }
  for (const r of await q(`SELECT a.attrelid::int AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
        a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS "default", col_description(a.attrelid, a.attnum) AS comment
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`)) {
    tables.get(r.oid)?.columns.push({
      name: r.name,
      type: r.type,
      notNull: r.not_null,
      default: r.default === null ? null : withoutSchema(r.default, schema),
      comment: r.comment,
    });
  }
  const objects = [
    [
      `SELECT i.indrelid::int AS oid, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
      WHERE n.nspname = $1`,
      'indexes',
    ],
    [
      `SELECT con.conrelid::int AS oid, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = $1 AND con.conrelid <> 0`,
      'constraints',
    ],
    [
      `SELECT t.tgrelid::int AS oid, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT t.tgisinternal`,
      'triggers',
    ],
  ] as const;
  for (const [text, key] of objects) {
    for (const r of await q(text))
      tables.get(r.oid)?.[key].push({ name: r.name, definition: withoutSchema(r.definition, schema) });
  }
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sorted = [...tables.values()].sort(byName);
  for (const t of sorted) for (const list of [t.columns, t.indexes, t.constraints, t.triggers]) list.sort(byName);
  return { tables: sorted };
}

/** Counts the statements sent through it. */
function counting(db: SqlExecutor): SqlExecutor & { count: number } {
  const counted = { count: 0, query: (text: string, values?: unknown[]) => (counted.count++, db.query(text, values)) };
  return counted;
}

describe('catalog reader: many schemas, through indexes', () => {
  const scratch: Array<{ client: Client; db: SqlExecutor; schema: string }> = [];

  beforeAll(async () => {
    // Each template in a schema of its own, plus tables the definitions do not know of: a system
    // table, a trigger, a check and a comment made by hand, a table moved in from another schema.
    for (const template of SCHEMA_TEMPLATES) {
      const s = await scratchTenant('ds_cat');
      await migrate(s.client, s.schema, { tables: [] }, withIds(template.definition));
      scratch.push(s);
    }
    const [{ client, schema }, other] = scratch;
    await client.query(`CREATE TABLE "${schema}"."_system" (id int PRIMARY KEY, note text DEFAULT 'x')`);
    await client.query(
      `CREATE TABLE "${schema}".by_hand (n int CHECK (n > 0), m int REFERENCES "${schema}"."_system" (id))`,
    );
    await client.query(`COMMENT ON TABLE "${schema}".by_hand IS 'made outside Strata'`);
    await client.query(
      `CREATE FUNCTION "${schema}".noop() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'`,
    );
    await client.query(
      `CREATE TRIGGER by_hand_noop BEFORE INSERT ON "${schema}".by_hand FOR EACH ROW EXECUTE FUNCTION "${schema}".noop()`,
    );
    await client.query(`CREATE TABLE "${other.schema}".moved (id int PRIMARY KEY)`);
    await client.query(`ALTER TABLE "${other.schema}".moved SET SCHEMA "${schema}"`);
  });

  afterAll(async () => {
    for (const { client, schema } of scratch) await dropScratchTenant(client, schema);
  });

  it('finds in each schema exactly what a scan by namespace finds', async () => {
    for (const { client, db, schema } of scratch) {
      const reference = await catalogByNamespace(client, schema);
      expect(reference.tables.length).toBeGreaterThan(1);
      expect(await readCatalog(db, schema, { includeReserved: true })).toEqual(reference);
    }
    const [{ db, schema }] = scratch;
    const names = (await readCatalog(db, schema, { includeReserved: true })).tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['_system', 'by_hand', 'moved']));
    expect(names).not.toContain('noop');
  });

  it('reads many schemas in the same five queries as one, each as readCatalog reads it alone', async () => {
    const { db } = scratch[0];
    const one = counting(db);
    await readCatalogs(one, [scratch[0].schema]);
    const all = counting(db);
    const snapshots = await readCatalogs(
      all,
      scratch.map((s) => s.schema),
    );
    expect(all.count).toBe(one.count);
    expect(one.count).toBe(5);
    for (const { schema } of scratch) expect(snapshots.get(schema)).toEqual(await readCatalog(db, schema));
    expect(await readCatalogs(db, ['ds_cat_no_such_schema'])).toEqual(
      new Map([['ds_cat_no_such_schema', { tables: [] }]]),
    );
  });
});
