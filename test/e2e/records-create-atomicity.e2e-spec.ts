import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { asDatabaseSuperuser } from '../utils/superuser-database';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * A single-record create writes the record and its first revision in one statement, then its
 * audit entry, in one transaction: what each of them holds, and that a failure of any part stores
 * none of them.
 */
describe('records: one create, its revision and its audit entry', () => {
  let t: TestApp;
  let token: string;
  let slug: string;
  let schema: string;
  let tenantId: string;

  const records = (table: string) => `/api/tenants/${slug}/tables/${table}/records`;
  const count = async (from: string, where = 'TRUE', values: unknown[] = []) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, values))[0].n);
  const rowsOf = (table: string) => count(`"${schema}"."${table}"`);
  const historyRows = () => count(`"${schema}"._record_history`);
  const createEntries = () => count('audit_log', `tenant_id = $1 AND action = 'record.create'`, [tenantId]);

  beforeAll(async () => {
    // No sweep during the tests: only the seal a commit asks for can seal an entry.
    t = await startTestApp({ AUDIT_SEAL_SWEEP_MS: '600000' });
    token = await t.adminToken();
    ({ slug, schemaName: schema, id: tenantId } = await createTenant(t, token));
    const definition = {
      tables: [
        {
          name: 'samples',
          columns: [
            { name: 'code', type: 'string', unique: true, required: true },
            { name: 'amount', type: 'decimal', precision: 12, scale: 3 },
            { name: 'big', type: 'bigint' },
            { name: 'ratio', type: 'float' },
            { name: 'count', type: 'integer', default: 7 },
            { name: 'done', type: 'boolean' },
            { name: 'day', type: 'date' },
            { name: 'seen_at', type: 'timestamp' },
            { name: 'extra', type: 'json' },
            { name: 'note', type: 'text' },
            { name: 'parent', type: 'reference', references: 'samples' },
          ],
        },
        { name: 'flaky', columns: [{ name: 'label', type: 'string' }] },
        {
          // Names the create statement's SQL also uses (aliases, a CTE's column).
          name: 'odd',
          columns: [
            { name: 'c', type: 'string' },
            { name: 'inserted', type: 'string' },
            { name: 'revision', type: 'integer' },
            { name: 'after', type: 'text' },
          ],
        },
      ],
    };
    const put = await t.http.put(`/api/tenants/${slug}/schema`, { definition, expectedVersion: 0 }, { token });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await deleteTenant(t, token, slug);
    await t.close();
  });

  it('stores revision 1 holding the record exactly as answered, and a signed entry naming it', async () => {
    const body = {
      code: 'a-1',
      amount: '1234.5',
      big: '9007199254740993',
      ratio: 0.1 + 0.2,
      done: true,
      day: '2026-02-03',
      seen_at: '2026-02-03T04:05:06.123456Z',
      extra: { b: [1, 'two', null], a: { nested: 1e21 } },
      note: null,
    };
    const res = await t.http.post(records('samples'), body, { token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...body, amount: '1234.500', count: 7 });

    const history = await t.http.get(`${records('samples')}/${res.body.id}/history`, { token });
    expect(history.body.count).toBe(1);
    expect(history.body.results[0]).toMatchObject({ revision: 1, operation: 'create', before: null });
    expect(history.body.results[0].after).toEqual(res.body);

    const [entry] = await t.db.query(
      `SELECT entity_id, details, writer_signature FROM audit_log WHERE tenant_id = $1 AND entity_id = $2`,
      [tenantId, res.body.id],
    );
    const { version } = (await t.http.get(`/api/tenants/${slug}/schema`, { token })).body;
    expect(entry.writer_signature).toEqual(expect.any(String));
    expect(entry.details).toEqual({
      table: 'samples',
      tableId: expect.stringMatching(/^t_/),
      schemaVersion: version,
      revision: 1,
      // The columns the create set: given or by default, not those left null.
      columns: ['code', 'amount', 'big', 'ratio', 'count', 'done', 'day', 'seen_at', 'extra'],
    });
    const verified = await t.http.get(`/api/tenants/${slug}/audit/verify`, { token });
    expect(verified.body).toMatchObject({ valid: true, firstBrokenId: null });
  });

  it('has the entry sealed into the chain right after the commit, with nothing reading the chain', async () => {
    const res = await t.http.post(records('flaky'), { label: 'sealed soon' }, { token });
    expect(res.status).toBe(201);
    const sealed = async () =>
      (await t.db.query(`SELECT 1 FROM audit_log WHERE entity_id = $1 AND seq IS NOT NULL`, [res.body.id])).length;
    for (let tries = 0; tries < 100 && (await sealed()) === 0; tries++) await new Promise((r) => setTimeout(r, 50));
    expect(await sealed()).toBe(1);
  });

  it('numbers the first revision 1 whatever the columns are called, next to batches of other ids', async () => {
    const { id: tableId } = (await t.http.get(`/api/tenants/${slug}/schema`, { token })).body.definition.tables.find(
      (table: { name: string }) => table.name === 'odd',
    );
    // An imported batch of two ids below any new one: it holds none of the records created here.
    await t.db.query(
      `INSERT INTO "${schema}"._record_history_batches (id, table_id, first_id, last_id, "rows")
       VALUES ('00000000-0000-0000-0000-000000000000', $1, '00000000-0000-0000-0000-000000000001',
               '00000000-0000-0000-0000-000000000002', 2)`,
      [tableId],
    );
    const body = { c: 'see', inserted: 'yes', revision: 41, after: 'later' };
    const res = await t.http.post(records('odd'), body, { token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(body);
    const history = await t.http.get(`${records('odd')}/${res.body.id}/history`, { token });
    expect(history.body.results).toEqual([expect.objectContaining({ revision: 1, operation: 'create' })]);
    expect(history.body.results[0].after).toEqual(res.body);
    const [entry] = await t.db.query(`SELECT details FROM audit_log WHERE tenant_id = $1 AND entity_id = $2`, [
      tenantId,
      res.body.id,
    ]);
    expect(entry.details).toMatchObject({ table: 'odd', revision: 1, columns: ['c', 'inserted', 'revision', 'after'] });
  });

  it('leaves no record, revision or audit entry behind a create PostgreSQL refuses', async () => {
    const before = { rows: await rowsOf('samples'), history: await historyRows(), entries: await createEntries() };
    const duplicate = await t.http.post(records('samples'), { code: 'a-1' }, { token });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      details: [{ field: 'code', message: 'is already taken' }],
    });
    const dangling = await t.http.post(
      records('samples'),
      { code: 'a-2', parent: '0190a0a0-0000-7000-8000-000000000002' },
      { token },
    );
    expect(dangling.status).toBe(422);
    expect(dangling.body.details).toEqual([{ field: 'parent', message: expect.any(String) }]);
    expect(await rowsOf('samples')).toBe(before.rows);
    expect(await historyRows()).toBe(before.history);
    expect(await createEntries()).toBe(before.entries);
  });

  it('stores neither the record nor its revision when its audit entry cannot be written', async () => {
    // A database that refuses this tenant's `flaky` entries: a failure after the record and its
    // revision were written, in the same transaction.
    const trigger = `refuse_flaky_${tenantId.replace(/-/g, '')}`;
    await asDatabaseSuperuser(async (db) => {
      await db.query(`
        CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.tenant_id = '${tenantId}' AND NEW.details->>'table' = 'flaky' THEN
            RAISE EXCEPTION 'audit entry refused by the test';
          END IF;
          RETURN NEW;
        END $$`);
      await db.query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    });
    try {
      const before = { rows: await rowsOf('flaky'), history: await historyRows(), entries: await createEntries() };
      const res = await t.http.post(records('flaky'), { label: 'x' }, { token });
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
      expect(await rowsOf('flaky')).toBe(before.rows);
      expect(await historyRows()).toBe(before.history);
      expect(await createEntries()).toBe(before.entries);
    } finally {
      await asDatabaseSuperuser(async (db) => {
        await db.query(`DROP TRIGGER ${trigger} ON audit_log`);
        await db.query(`DROP FUNCTION ${trigger}()`);
      });
    }
    // The same create goes through once the database takes entries again.
    const before = await rowsOf('flaky');
    const res = await t.http.post(records('flaky'), { label: 'x' }, { token });
    expect(res.status).toBe(201);
    expect(await rowsOf('flaky')).toBe(before + 1);
  });
});
