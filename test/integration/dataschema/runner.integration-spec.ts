import {
  applyOperations,
  exportSql,
  inTransaction,
  pgExecutor,
  planMigration,
  readCatalog,
  SCHEMA_TEMPLATES,
  SchemaChangeRefused,
  SchemaDefinition,
} from '@app/dataschema';
import { Client } from 'pg';
import { dropScratchTenant, driftOf, migrate, scratchTenant, TIMEOUTS, withIds } from './dataschema-db';

describe('dataschema runner and catalog against PostgreSQL', () => {
  let client: Client;
  let schema: string;

  beforeEach(async () => ({ client, schema } = await scratchTenant('ds_run')));
  afterEach(() => dropScratchTenant(client, schema));

  it.each(SCHEMA_TEMPLATES.map((t) => [t.key, t.definition] as const))(
    'builds the %s template exactly as its definition generates it',
    async (_key, template) => {
      const definition = withIds(template);
      const plan = await migrate(client, schema, { tables: [] }, definition);
      expect(await driftOf(client, schema, definition)).toEqual([]);
      expect(plan.up).toBe(exportSql(definition, schema).trimEnd());
    },
  );

  it('gives rows time-ordered version 7 ids and keeps updated_at with a trigger', async () => {
    const definition = withIds({ tables: [{ name: 'notes', columns: [{ name: 'body', type: 'text' }] }] });
    await migrate(client, schema, { tables: [] }, definition);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { rows } = await client.query(`INSERT INTO "${schema}"."notes" (body) VALUES ($1) RETURNING id`, [`n${i}`]);
      ids.push(rows[0].id);
      await new Promise((r) => setTimeout(r, 2));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    const unix = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(unix - Date.now())).toBeLessThan(60_000);

    await client.query(
      `UPDATE "${schema}"."notes" SET created_at = now() - interval '1 day', updated_at = now() - interval '1 day'`,
    );
    await client.query(`UPDATE "${schema}"."notes" SET body = 'changed' WHERE id = $1`, [ids[0]]);
    const { rows } = await client.query(
      `SELECT id, updated_at > created_at + interval '1 hour' AS touched FROM "${schema}"."notes" ORDER BY id`,
    );
    expect(rows.map((r) => r.touched)).toEqual([true, true, true]);
  });

  it('refuses a type change that stored values cannot survive, naming how many rows and a few, and changes nothing', async () => {
    const before = withIds({ tables: [{ name: 'items', columns: [{ name: 'qty', type: 'text' }] }] });
    await migrate(client, schema, { tables: [] }, before);
    await client.query(`INSERT INTO "${schema}"."items" (qty) VALUES ('1'), ('two'), ('3'), ('4.5'), (NULL)`);
    const after: SchemaDefinition = JSON.parse(JSON.stringify(before));
    after.tables[0].columns[0].type = 'integer';
    after.tables[0].columns.push({ id: 'c_added000001', name: 'added', type: 'text' });

    const error = await migrate(client, schema, before, after).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaChangeRefused);
    const refused = error as SchemaChangeRefused;
    expect(refused.status).toBe(422);
    expect(refused.rows.total).toBe(2);
    expect(refused.rows.samples.map((s) => s.value).sort()).toEqual(['4.5', 'two']);
    expect(refused.message).toMatch(
      /^Cannot change type of items.qty from text to integer: 2 rows of items cannot be converted/,
    );
    expect(refused.details).toEqual([
      { field: 'items.qty', message: expect.stringMatching(/^2 rows .* for example id /) },
    ]);
    expect(await driftOf(client, schema, before)).toEqual([]);
  });

  it('refuses a narrowing that would round or cut values', async () => {
    const before = withIds({
      tables: [
        {
          name: 'items',
          columns: [
            { name: 'price', type: 'decimal', precision: 10, scale: 2 },
            { name: 'code', type: 'string', maxLength: 20 },
          ],
        },
      ],
    });
    await migrate(client, schema, { tables: [] }, before);
    await client.query(`INSERT INTO "${schema}"."items" (price, code) VALUES (1.00, 'abc'), (2.50, 'abcdefghij')`);
    const toInteger: SchemaDefinition = JSON.parse(JSON.stringify(before));
    toInteger.tables[0].columns[0] = {
      ...toInteger.tables[0].columns[0],
      type: 'integer',
      precision: undefined,
      scale: undefined,
    };
    const rounding = (await migrate(client, schema, before, toInteger).catch((e) => e)) as SchemaChangeRefused;
    expect(rounding.rows.samples.map((s) => s.value)).toEqual(['2.50']);

    const shorter: SchemaDefinition = JSON.parse(JSON.stringify(before));
    shorter.tables[0].columns[1].maxLength = 5;
    const cutting = (await migrate(client, schema, before, shorter).catch((e) => e)) as SchemaChangeRefused;
    expect(cutting.rows.samples.map((s) => s.value)).toEqual(['abcdefghij']);
    expect(await driftOf(client, schema, before)).toEqual([]);
  });

  it('refuses to make a column required over NULLs, unless a default fills them', async () => {
    const before = withIds({ tables: [{ name: 'items', columns: [{ name: 'qty', type: 'integer' }] }] });
    await migrate(client, schema, { tables: [] }, before);
    await client.query(`INSERT INTO "${schema}"."items" (qty) VALUES (1), (NULL)`);
    const required: SchemaDefinition = JSON.parse(JSON.stringify(before));
    required.tables[0].columns[0].required = true;
    const refused = (await migrate(client, schema, before, required).catch((e) => e)) as SchemaChangeRefused;
    expect(refused).toBeInstanceOf(SchemaChangeRefused);
    expect(refused.rows.total).toBe(1);

    required.tables[0].columns[0].default = 0;
    await migrate(client, schema, before, required);
    const { rows } = await client.query(`SELECT qty FROM "${schema}"."items" ORDER BY qty`);
    expect(rows.map((r) => r.qty)).toEqual([0, 1]);
    expect(await driftOf(client, schema, required)).toEqual([]);
  });

  it('gives up on a lock held too long instead of waiting, and leaves nothing behind', async () => {
    const before = withIds({ tables: [{ name: 'items', columns: [{ name: 'qty', type: 'integer' }] }] });
    await migrate(client, schema, { tables: [] }, before);
    const blocker = new Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${schema}"."items" IN ACCESS SHARE MODE`);
      const after: SchemaDefinition = JSON.parse(JSON.stringify(before));
      after.tables[0].columns.push({ name: 'note', type: 'text', id: 'c_note00000001' });
      after.tables.push({ id: 't_other0000001', name: 'other', columns: [] });
      const plan = planMigration(before, after, { schema });
      const started = Date.now();
      const error = await inTransaction(client, () =>
        applyOperations(pgExecutor(client), plan.operations, { ...TIMEOUTS, lockTimeoutMs: 200 }),
      ).catch((e) => e);
      expect(error.code).toBe('55P03');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(await driftOf(client, schema, before)).toEqual([]);
    // The timeouts were local to the failed transaction.
    const { rows } = await client.query(`SELECT current_setting('lock_timeout') AS lock`);
    expect(rows[0].lock).toBe('0');
  });

  it('reports drift: an extra column, a dropped index and a changed default', async () => {
    const definition = withIds({
      tables: [{ name: 'items', columns: [{ name: 'qty', type: 'integer', unique: true, default: 1 }] }],
    });
    await migrate(client, schema, { tables: [] }, definition);
    const columnId = definition.tables[0].columns[0].id;
    await client.query(`ALTER TABLE "${schema}"."items" ADD COLUMN sneaky text`);
    await client.query(`DROP INDEX "${schema}"."${columnId}_key"`);
    await client.query(`ALTER TABLE "${schema}"."items" ALTER COLUMN qty SET DEFAULT 2`);
    const drift = await driftOf(client, schema, definition);
    expect(drift).toEqual(
      expect.arrayContaining([
        { kind: 'column', table: 'items', column: 'sneaky', expected: null, actual: 'text' },
        { kind: 'columnDefault', table: 'items', column: 'qty', expected: '1', actual: '2' },
        { kind: 'index', table: 'items', expected: expect.stringContaining(`${columnId}_key`), actual: null },
      ]),
    );
    expect(drift).toHaveLength(3);
  });

  it('reads set-aside items only when asked', async () => {
    const definition = withIds({ tables: [{ name: 'items', columns: [{ name: 'qty', type: 'integer' }] }] });
    await migrate(client, schema, { tables: [] }, definition);
    await migrate(client, schema, definition, { tables: [] });
    const db = pgExecutor(client);
    expect((await readCatalog(db, schema)).tables).toEqual([]);
    const all = await readCatalog(db, schema, { includeReserved: true });
    expect(all.tables.map((t) => t.name)).toEqual([`_dropped_${definition.tables[0].id}`]);
  });
});
