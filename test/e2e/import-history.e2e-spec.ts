import { createTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

const DEFINITION = {
  tables: [
    { name: 'teams', columns: [{ name: 'name', type: 'string', required: true }] },
    {
      name: 'people',
      columns: [
        { name: 'email', type: 'email', required: true, unique: true },
        { name: 'name', type: 'string', required: true },
        { name: 'age', type: 'integer' },
        { name: 'team', type: 'reference', references: 'teams', onDelete: 'setNull' },
      ],
    },
  ],
};

interface Job {
  id: string;
  status: string;
  summary: Record<string, unknown> | null;
  error: string | null;
}

interface Revision {
  revision: number;
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor: string | null;
  at: string;
  schemaVersion: number | null;
}

/**
 * What an import leaves in record history: one history entry for the whole import, read back as
 * each record's own revision 1; later writes number on from it; restore and revert use it; an
 * upsert writes a revision per record; a reference to a missing record is a bad row.
 */
describe('imports and record history (real PostgreSQL, Redis and worker)', () => {
  let t: TestApp;
  let token: string;
  let slug: string;
  let schema: string;
  let adminId: string;

  const base = () => `/api/tenants/${slug}`;
  const people = () => `${base()}/tables/people/records`;

  async function importFile(content: string, fields: Record<string, string> = {}): Promise<Job> {
    const response = await t.http.upload<Job>(
      `${base()}/imports`,
      { table: 'people', ...fields },
      { content, name: 'people.csv' },
      { token },
    );
    expect(response.status).toBe(202);
    const { id } = response.body;
    const deadline = Date.now() + 60000;
    for (;;) {
      const job = (await t.http.get(`${base()}/imports/${id}`, { token })).body as Job;
      if (!['queued', 'running'].includes(job.status) || Date.now() > deadline) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const idOf = async (email: string) =>
    ((await t.db.query(`SELECT id FROM "${schema}".people WHERE email = $1`, [email])) as Array<{ id: string }>)[0]?.id;
  const history = async (id: string) => {
    const res = await t.http.get(`${people()}/${id}/history`, { token });
    return { status: res.status, revisions: (res.body.results ?? []) as Revision[] };
  };

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    const tenant = await createTenant(t, token);
    slug = tenant.slug;
    schema = tenant.schemaName;
    const res = await t.http.put(`${base()}/schema`, { definition: DEFINITION, expectedVersion: 0 }, { token });
    if (res.status !== 200) throw new Error(res.text);
    adminId = ((await t.http.get('/api/auth/me', { token })).body as { id: string }).id;
  });
  afterAll(() => t?.close());
  beforeEach(() => t.db.query(`DELETE FROM "${schema}".people`));

  it('answers the history of an imported record from the one entry of its import, without a row per record', async () => {
    const before = Number(
      ((await t.db.query(`SELECT count(*) AS n FROM "${schema}"._record_history`)) as Array<{ n: string }>)[0].n,
    );
    const job = await importFile('email,name,age\nh1@x.test,Ann,30\nh2@x.test,Bob,\n');
    expect(job.status).toBe('succeeded');
    const after = Number(
      ((await t.db.query(`SELECT count(*) AS n FROM "${schema}"._record_history`)) as Array<{ n: string }>)[0].n,
    );
    expect(after).toBe(before);
    const batches = await t.db.query(`SELECT "rows" FROM "${schema}"._record_history_batches WHERE id = $1`, [
      job.summary?.batchId,
    ]);
    expect(batches).toEqual([{ rows: 2 }]);

    const id = await idOf('h1@x.test');
    const record = (await t.http.get(`${people()}/${id}`, { token })).body as Record<string, unknown>;
    const { status, revisions } = await history(id);
    expect(status).toBe(200);
    expect(revisions).toEqual([
      {
        revision: 1,
        operation: 'create',
        before: null,
        after: record,
        actor: adminId,
        at: expect.stringMatching(/Z$/),
        schemaVersion: 1,
      },
    ]);
    // a record the import did not create has no such revision
    const other = (await t.http.post(people(), { email: 'api@x.test', name: 'Api' }, { token })).body as { id: string };
    expect((await history(other.id)).revisions.map((r) => [r.revision, r.operation])).toEqual([[1, 'create']]);
  });

  it('numbers later writes on from the import, keeps the imported state, restores it, and reverts', async () => {
    const job = await importFile('email,name,age\nr1@x.test,Ann,30\nr2@x.test,Bob,40\n');
    const id = await idOf('r1@x.test');
    const imported = (await t.http.get(`${people()}/${id}`, { token })).body as Record<string, unknown>;
    expect((await t.http.patch(`${people()}/${id}`, { name: 'Anna' }, { token })).status).toBe(200);

    let revisions = (await history(id)).revisions;
    expect(revisions.map((r) => [r.revision, r.operation])).toEqual([
      [1, 'create'],
      [2, 'update'],
    ]);
    expect(revisions[0].after).toEqual(imported);
    expect(revisions[1].before).toEqual(imported);
    expect(revisions[1].after).toMatchObject({ name: 'Anna' });

    const restored = await t.http.post(`${people()}/${id}/restore`, { revision: 1 }, { token });
    expect(restored.status).toBe(200);
    expect(restored.body.record).toMatchObject({ name: 'Ann', age: 30 });
    revisions = (await history(id)).revisions;
    expect(revisions.map((r) => [r.revision, r.operation])).toEqual([
      [1, 'create'],
      [2, 'update'],
      [3, 'restore'],
    ]);
    expect(revisions[0].after).toEqual(imported);

    const kept = (await t.http.post(people(), { email: 'keep@x.test', name: 'Keep' }, { token })).body as {
      id: string;
    };
    const revert = await t.http.post(`${base()}/imports/${job.id}/revert`, undefined, { token });
    expect(revert.status).toBe(200);
    expect(revert.body.summary).toMatchObject({ rowsReverted: 2 });
    const left = (await t.db.query(`SELECT email FROM "${schema}".people ORDER BY email`)) as Array<{ email: string }>;
    expect(left.map((r) => r.email)).toEqual(['keep@x.test']);
    expect((await history(kept.id)).revisions).toHaveLength(1);

    // the reverted records keep their history: imported, then deleted by the revert
    revisions = (await history(id)).revisions;
    expect(revisions.map((r) => [r.revision, r.operation])).toEqual([
      [1, 'create'],
      [2, 'update'],
      [3, 'restore'],
      [4, 'delete'],
    ]);
    expect(revisions[0].after).toEqual(imported);
    const untouched = (await history(await idOfDeleted('r2@x.test'))).revisions;
    expect(untouched.map((r) => [r.revision, r.operation])).toEqual([
      [1, 'create'],
      [2, 'delete'],
    ]);
    expect(untouched[0].after).toMatchObject({ email: 'r2@x.test', name: 'Bob', age: 40 });
    expect(untouched[0].after).toEqual(untouched[1].before);
  });

  it('writes a revision per record on upsert: create for new rows, update with the state before', async () => {
    await importFile('email,name,age\nu1@x.test,Ann,30\n');
    const imported = await idOf('u1@x.test');
    const job = await importFile('email,name,age\nu1@x.test,Anne,31\nu2@x.test,Vee,\n', {
      mode: 'upsert',
      upsertKey: 'email',
    });
    expect(job.status).toBe('succeeded');
    const updated = (await history(imported)).revisions;
    expect(updated.map((r) => [r.revision, r.operation])).toEqual([
      [1, 'create'],
      [2, 'update'],
    ]);
    expect(updated[1].before).toMatchObject({ name: 'Ann', age: 30 });
    expect(updated[1].after).toMatchObject({ name: 'Anne', age: 31 });
    expect(updated[0].after).toEqual(updated[1].before);
    const created = (await history(await idOf('u2@x.test'))).revisions;
    expect(created.map((r) => [r.revision, r.operation, r.actor])).toEqual([[1, 'create', adminId]]);
    expect(created[0].after).toMatchObject({ email: 'u2@x.test', name: 'Vee' });
  });

  it('makes a reference to a missing record a bad row with its row and column, in insert and upsert', async () => {
    const team = (await t.http.post(`${base()}/tables/teams/records`, { name: 'Blue' }, { token })).body as {
      id: string;
    };
    const missing = '01900000-0000-7000-8000-000000000000';
    const csv = `email,name,team\nm1@x.test,Ann,${team.id}\nm2@x.test,Bob,${missing}\nm3@x.test,Cy,\n`;

    const aborted = await importFile(csv);
    expect(aborted.status).toBe('failed');
    expect(aborted.summary).toMatchObject({ rowsInvalid: 1, rowsStored: 0 });
    const errors = (await t.http.get(`${base()}/imports/${aborted.id}/errors`, { token })).body.results;
    expect(errors).toEqual([
      { row: 3, column: 'team', value: missing, message: 'refers to a record that does not exist' },
    ]);

    const skipped = await importFile(csv, { onError: 'skip' });
    expect(skipped.status).toBe('succeeded');
    expect(skipped.summary).toMatchObject({ rowsStored: 2, rowsInvalid: 1 });
    const report = await t.http.get(`${base()}/imports/${skipped.id}/errors?format=csv`, { token });
    expect(report.text).toContain(`m2@x.test,Bob,${missing},team: refers to a record that does not exist`);

    const upserted = await importFile(`email,name,team\nm1@x.test,Anne,${missing}\nm4@x.test,Dee,${team.id}\n`, {
      mode: 'upsert',
      upsertKey: 'email',
      onError: 'skip',
    });
    expect(upserted.status).toBe('succeeded');
    expect(upserted.summary).toMatchObject({ rowsStored: 1, rowsInvalid: 1 });
    const upsertErrors = (await t.http.get(`${base()}/imports/${upserted.id}/errors`, { token })).body.results;
    expect(upsertErrors).toEqual([
      { row: 2, column: 'team', value: missing, message: 'refers to a record that does not exist' },
    ]);
    const names = (await t.db.query(`SELECT email, name FROM "${schema}".people ORDER BY email`)) as unknown[];
    expect(names).toEqual([
      { email: 'm1@x.test', name: 'Ann' },
      { email: 'm3@x.test', name: 'Cy' },
      { email: 'm4@x.test', name: 'Dee' },
    ]);
  });

  /** The id of a deleted record, from its delete revision. */
  async function idOfDeleted(email: string): Promise<string> {
    const rows = (await t.db.query(
      `SELECT record_id FROM "${schema}"._record_history WHERE operation = 'delete' AND before->>'email' = $1`,
      [email],
    )) as Array<{ record_id: string }>;
    return rows[0].record_id;
  }
});
