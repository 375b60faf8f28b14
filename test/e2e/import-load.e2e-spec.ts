import { randomUUID } from 'node:crypto';
import { StagingSweeper } from '@app/importexport';
import { createTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

const DEFINITION = {
  tables: [
    {
      name: 'people',
      columns: [
        { name: 'email', type: 'email', required: true, unique: true },
        { name: 'name', type: 'string', required: true },
      ],
    },
    {
      name: 'items',
      columns: [
        { name: 'code', type: 'integer', required: true, unique: true },
        { name: 'label', type: 'string' },
      ],
    },
  ],
};

interface Job {
  id: string;
  status: string;
  progress: { rowsRead: number };
  summary: Record<string, unknown> | null;
  error: string | null;
}

const ROWS = 200_000;
const bigFile = () => ['email,name', ...Array.from({ length: ROWS }, (_, i) => `p${i}@x.test,Person ${i}`)].join('\n');

/**
 * The load path of an insert import, which COPYs straight into the table inside its transaction:
 * a row committed meanwhile that clashes makes it read the file again with the table locked; a
 * cancel while it loads stores nothing. Also: a running export is downloaded while it is written,
 * and staging tables left behind are swept.
 */
describe('import loading and export following (real PostgreSQL, Redis and worker)', () => {
  let t: TestApp;
  let token: string;
  let slug: string;
  let schema: string;

  const base = () => `/api/tenants/${slug}`;
  const count = async () =>
    Number(((await t.db.query(`SELECT count(*) AS n FROM "${schema}".people`)) as Array<{ n: string }>)[0].n);

  async function upload(content: string, fields: Record<string, string> = {}): Promise<string> {
    const response = await t.http.upload<Job>(
      `${base()}/imports`,
      { table: 'people', ...fields },
      { content, name: 'people.csv' },
      { token },
    );
    expect(response.status).toBe(202);
    return response.body.id;
  }

  async function until(id: string, done: (job: Job) => boolean, path = 'imports'): Promise<Job> {
    const deadline = Date.now() + 90000;
    for (;;) {
      const job = (await t.http.get(`${base()}/${path}/${id}`, { token })).body as Job;
      if (done(job) || Date.now() > deadline) return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const ended = (job: Job) => !['queued', 'running'].includes(job.status);

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    const tenant = await createTenant(t, token);
    slug = tenant.slug;
    schema = tenant.schemaName;
    const res = await t.http.put(`${base()}/schema`, { definition: DEFINITION, expectedVersion: 0 }, { token });
    if (res.status !== 200) throw new Error(res.text);
  });
  afterAll(() => t?.close());
  beforeEach(() => t.db.query(`DELETE FROM "${schema}".people`));

  it('reads the file again with the table locked when a row committed meanwhile clashes', async () => {
    const id = await upload(bigFile(), { onError: 'skip' });
    // the table was empty when the import began, so it loads without looking rows up
    await until(id, (job) => job.status === 'running' && job.progress.rowsRead > 0);
    await t.db.query(`INSERT INTO "${schema}".people (email, name) VALUES ($1, 'Meanwhile')`, [`p${ROWS - 1}@x.test`]);
    const job = await until(id, ended);
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.summary).toMatchObject({ rowsStored: ROWS - 1, rowsInvalid: 1 });
    const errors = (await t.http.get(`${base()}/imports/${id}/errors`, { token })).body.results;
    expect(errors).toEqual([
      { row: ROWS + 1, column: 'email', value: `p${ROWS - 1}@x.test`, message: 'duplicates a stored record' },
    ]);
    const log = (await t.http.get(`${base()}/imports/${id}/log`, { token })).body.results as Array<{
      message: string;
    }>;
    expect(log.map((e) => e.message)).toContain(
      'A row committed meanwhile clashed; reading the file again with the table locked',
    );
    expect(await count()).toBe(ROWS);
  }, 120000);

  it('finds stored duplicates of a key that is not text by looking rows up while it loads', async () => {
    await t.db.query(`INSERT INTO "${schema}".items (code, label) VALUES (7, 'stored'), (9, 'stored')`);
    const csv = ['code,label', ...Array.from({ length: 5000 }, (_, i) => `${i},item ${i}`)].join('\n');
    const id = await upload(csv, { table: 'items', onError: 'skip' });
    const job = await until(id, ended);
    expect(job.status).toBe('succeeded');
    expect(job.summary).toMatchObject({ rowsStored: 4998, rowsInvalid: 2 });
    const errors = (await t.http.get(`${base()}/imports/${id}/errors`, { token })).body.results;
    expect(errors).toEqual([
      { row: 9, column: 'code', value: '7', message: 'duplicates a stored record' },
      { row: 11, column: 'code', value: '9', message: 'duplicates a stored record' },
    ]);
    await t.db.query(`DELETE FROM "${schema}".items`);
  });

  it('stores nothing when cancelled while it loads', async () => {
    const id = await upload(bigFile());
    await until(id, (job) => job.status === 'running' && job.progress.rowsRead > 0);
    const cancel = await t.http.post(`${base()}/imports/${id}/cancel`, undefined, { token });
    expect(cancel.status).toBe(200);
    // the attempt notices at its next progress report and rolls back; the status stays cancelled
    await new Promise((r) => setTimeout(r, 1500));
    expect((await until(id, ended)).status).toBe('cancelled');
    expect(await count()).toBe(0);
    // the rollback follows the cancel within a progress report or two; on a loaded machine later
    const openTransactions = async () =>
      Number(
        (
          (await t.db.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
          )) as Array<{ n: string }>
        )[0].n,
      );
    const deadline = Date.now() + 15_000;
    while ((await openTransactions()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await openTransactions()).toBe(0);
    expect(await count()).toBe(0);
  }, 120000);

  it('streams a running export to a download that starts at once, the same bytes as the stored file', async () => {
    await until(await upload(bigFile()), ended);
    const created = await t.http.post(
      `${base()}/exports`,
      { table: 'people', format: 'csv', sort: 'email' },
      { token },
    );
    expect(created.status).toBe(202);
    const early = await fetch(`${t.http.baseUrl}${base()}/exports/${created.body.id}/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(early.status).toBe(200);
    expect(early.headers.get('content-type')).toContain('text/csv');
    const followed = await early.text();
    const job = await until(created.body.id, ended, 'exports');
    expect(job.status).toBe('succeeded');
    const stored = await t.http.get(`${base()}/exports/${created.body.id}/download`, { token });
    expect(followed.length).toBe(stored.text.length);
    expect(followed === stored.text).toBe(true);
    expect(followed.trim().split('\n')).toHaveLength(ROWS + 1);
  }, 120000);

  it('drops staging tables whose job no longer runs, and keeps those of running jobs', async () => {
    const finished = await until(await upload('email,name\ns@x.test,S\n'), ended);
    const running = randomUUID();
    await t.db.query(
      `INSERT INTO jobs (id, queue, name, status, data, progress, attempts) VALUES ($1, 'imports', 'import', 'running', '{}', '{}', 1)`,
      [running],
    );
    const staging = (id: string) => `_import_${id.replace(/-/g, '')}`;
    const names = [finished.id, running, randomUUID()].map(staging);
    for (const name of names) await t.db.query(`CREATE UNLOGGED TABLE "${schema}"."${name}" ("_row" integer)`);

    const dropped = await t.app.get(StagingSweeper, { strict: false }).sweep();
    expect(dropped.sort()).toEqual([`"${schema}"."${names[0]}"`, `"${schema}"."${names[2]}"`].sort());
    const left = (await t.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename ~ '^_import_[0-9a-f]{32}$'`,
      [schema],
    )) as Array<{ tablename: string }>;
    expect(left.map((r) => r.tablename)).toEqual([names[1]]);
    await t.db.query(`DROP TABLE "${schema}"."${names[1]}"`);
    await t.db.query(`DELETE FROM jobs WHERE id = $1`, [running]);
  });
});
