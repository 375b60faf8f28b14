import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/** The catalog of a tenant schema as information_schema shows it: tables and columns with types. */
async function catalogOf(t: TestApp, schema: string): Promise<string[]> {
  const rows = await t.db.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [schema],
  );
  return rows.map((r: Record<string, string>) => `${r.table_name}.${r.column_name}:${r.data_type}`);
}

describe('schema: races, hostile names and the cache across processes', () => {
  let a: TestApp;
  let b: TestApp;
  let token: string;
  let slug: string;
  let schema: string;
  let tenantId: string;
  const base = () => `/api/tenants/${slug}`;

  beforeAll(async () => {
    a = await startTestApp();
    // A second process of the same deployment: same database, same Redis prefix.
    // Its limits and retention differ, to show that both come from the environment.
    b = await startTestApp({
      QUEUE_PREFIX: a.env.QUEUE_PREFIX,
      WORKER_EMBEDDED: 'false',
      SCHEMA_MAX_TABLES: '3',
      SCHEMA_RETENTION_DAYS: '1',
    });
    token = await a.adminToken();
    ({ slug, schemaName: schema, id: tenantId } = await createTenant(a, token));
    const first = await a.http.put(
      `${base()}/schema`,
      { definition: { tables: [{ name: 'notes', columns: [{ name: 'body', type: 'text' }] }] }, expectedVersion: 0 },
      { token },
    );
    expect(first.status).toBe(200);
  });

  afterAll(async () => {
    await deleteTenant(a, token, slug);
    await b.close();
    await a.close();
  });

  it('lets exactly one of two writers with the same expectedVersion win', async () => {
    const { version, definition } = (await a.http.get(`${base()}/schema`, { token })).body;
    const withTable = (name: string) => ({
      definition: { tables: [...definition.tables, { name, columns: [{ name: 'x', type: 'integer' }] }] },
      expectedVersion: version,
    });
    const answers = await Promise.all([
      a.http.put(`${base()}/schema`, withTable('alpha'), { token }),
      b.http.put(`${base()}/schema`, withTable('beta'), { token }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.find((r) => r.status === 200)!.body;
    expect(winner.version).toBe(version + 1);
    const tables = (await catalogOf(a, schema)).map((c) => c.split('.')[0]);
    expect(tables.filter((name) => name === 'alpha' || name === 'beta').length).toBeGreaterThan(0);
    expect(new Set(tables.filter((name) => name === 'alpha' || name === 'beta')).size).toBe(1);
  });

  it('never serves an old version from another process after a change', async () => {
    for (let i = 0; i < 3; i++) {
      const before = (await b.http.get(`${base()}/schema`, { token })).body; // B caches it
      const next = await a.http.post(
        `${base()}/tables/notes/columns`,
        { name: `extra_${i}`, type: 'text', expectedVersion: before.version },
        { token },
      );
      expect(next.status).toBe(201);
      const seenByB = (await b.http.get(`${base()}/schema`, { token })).body;
      expect(seenByB.version).toBe(next.body.version);
      expect(seenByB.definition).toEqual(next.body.definition);
    }
  });

  const HOSTILE = [
    'bad"quote',
    "it's",
    'x; drop table notes',
    '"; DROP TABLE x; --',
    'naïve',
    'ü',
    'a'.repeat(64),
    'select',
    'user',
    'pg_tables',
    '_hidden',
    'Upper',
    '',
  ];

  it.each(HOSTILE)(
    'refuses the name %j as a table, a column and a rename with a 400, the catalog untouched',
    async (name) => {
      const before = await catalogOf(a, schema);
      const { version, definition } = (await a.http.get(`${base()}/schema`, { token })).body;

      const put = await a.http.put(
        `${base()}/schema`,
        {
          definition: { tables: [...definition.tables, { name, columns: [{ name: 'x', type: 'text' }] }] },
          expectedVersion: version,
        },
        { token },
      );
      expect([put.status, put.body.details?.[0]?.field]).toEqual([
        400,
        `definition.tables[${definition.tables.length}].name`,
      ]);

      const table = await a.http.post(`${base()}/tables`, { name, columns: [] }, { token });
      expect([table.status, table.body.details?.[0]?.field]).toEqual([400, 'name']);

      const column = await a.http.post(`${base()}/tables/notes/columns`, { name, type: 'text' }, { token });
      expect([column.status, column.body.details?.[0]?.field]).toEqual([400, 'name']);

      const rename = await a.http.patch(`${base()}/tables/notes/columns/body`, { name }, { token });
      expect([rename.status, rename.body.details?.[0]?.field]).toEqual([400, 'name']);

      expect(await catalogOf(a, schema)).toEqual(before);
      expect((await a.http.get(`${base()}/schema`, { token })).body.version).toBe(version);
    },
  );

  it('checks the table limit from the environment', async () => {
    const { version, definition } = (await b.http.get(`${base()}/schema`, { token })).body;
    const extra = (name: string) => ({ name, columns: [{ name: 'x', type: 'text' }] });
    const tooMany = await b.http.put(
      `${base()}/schema`,
      { definition: { tables: [...definition.tables, extra('one'), extra('two')] }, expectedVersion: version },
      { token },
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details[0]).toMatchObject({ field: 'definition.tables' });
    expect(tooMany.body.details[0].message).toContain('3');
  });

  it('purges items set aside longer than the retention period at the next change', async () => {
    await a.db.query(`INSERT INTO "${schema}".notes (body) VALUES ('old')`);
    expect((await a.http.delete(`${base()}/tables/notes/columns/body`, { token })).status).toBe(204);
    const [item] = (await a.http.get(`${base()}/schema/retained`, { token })).body.results;
    expect(item).toMatchObject({ column: 'body', rows: 1 });

    // A change through `a` (no retention) keeps it; backdated past a day, a change through `b` purges it.
    expect(
      (await a.http.post(`${base()}/tables/notes/columns`, { name: 'kept', type: 'text' }, { token })).status,
    ).toBe(201);
    expect((await a.http.get(`${base()}/schema/retained`, { token })).body.count).toBe(1);
    await a.db.query(`UPDATE schema_retained_items SET created_at = now() - interval '2 days' WHERE id = $1`, [
      item.id,
    ]);
    const next = await b.http.post(`${base()}/tables/notes/columns`, { name: 'later', type: 'text' }, { token });
    expect(next.status).toBe(201);
    expect((await a.http.get(`${base()}/schema/retained`, { token })).body.count).toBe(0);
    expect((await catalogOf(a, schema)).filter((c) => c.includes('_dropped_'))).toEqual([]);
    const [audit] = await a.db.query(
      `SELECT details FROM audit_log WHERE tenant_id = $1 AND action = 'schema.version.apply' AND entity_id = $2`,
      [tenantId, String(next.body.version)],
    );
    expect(audit.details.purgedByRetention).toEqual([{ id: item.id, kind: 'column', table: 'notes', column: 'body' }]);
  });
});
