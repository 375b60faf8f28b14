import ExcelJS from 'exceljs';
import { createTenant } from '../factories/tenants.factory';
import { startSmtpSink, SmtpSink } from '../utils/smtp-sink';
import { startTestApp, TEST_ADMIN_EMAIL, TestApp } from '../utils/test-app';
import { sealAudit } from '../utils/sealed-audit';

const DEFINITION = {
  tables: [
    {
      name: 'customers',
      columns: [
        { name: 'email', type: 'email', required: true, unique: true },
        { name: 'name', type: 'string', maxLength: 100, required: true },
        { name: 'age', type: 'integer' },
        { name: 'born', type: 'date' },
        { name: 'notes', type: 'text' },
      ],
    },
  ],
};

interface Job {
  id: string;
  status: string;
  progress: Record<string, number>;
  summary: Record<string, unknown> | null;
  error: string | null;
}

describe('imports and exports (real PostgreSQL, Redis, worker and SMTP)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let token: string;
  let slug: string;
  let schema: string;

  const base = () => `/api/tenants/${slug}`;

  async function upload(
    content: string | Buffer,
    fileName: string,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    const response = await t.http.upload<Job & { code?: string }>(
      `${base()}/imports`,
      { table: 'customers', ...fields },
      { content, name: fileName },
      { token, headers },
    );
    return { status: response.status, body: response.body };
  }

  async function finished(id: string, path = 'imports'): Promise<Job> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const res = await t.http.get(`${base()}/${path}/${id}`, { token });
      const job = res.body as Job;
      if (!['queued', 'running'].includes(job.status) || Date.now() > deadline) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function importFile(content: string | Buffer, fileName: string, fields: Record<string, string> = {}) {
    const res = await upload(content, fileName, fields);
    expect(res.status).toBe(202);
    return finished(res.body.id);
  }

  const stored = async () =>
    (
      (await t.db.query(
        `SELECT email, name, age, born::text AS born, notes FROM "${schema}".customers ORDER BY email`,
      )) as Array<Record<string, unknown>>
    ).map((r) => r.email);
  const clear = () => t.db.query(`DELETE FROM "${schema}".customers`);
  const errorsOf = async (id: string) => (await t.http.get(`${base()}/imports/${id}/errors`, { token })).body.results;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      MAIL_URL: sink.url,
      MAIL_FROM: 'Strata <robot@strata.test>',
      IMPORT_MAX_BYTES: String(12 * 1024 * 1024),
    });
    token = await t.adminToken();
    const tenant = await createTenant(t, token);
    slug = tenant.slug;
    schema = tenant.schemaName;
    const res = await t.http.put(`${base()}/schema`, { definition: DEFINITION, expectedVersion: 0 }, { token });
    if (res.status !== 200) throw new Error(res.text);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });
  beforeEach(() => clear());

  it('imports a CSV (BOM, CRLF, quoted newlines, headers matched loosely) and mails the creator', async () => {
    const csv =
      '\uFEFFEmail,Name,AGE,born,notes\r\na@x.test,Ann,30,1990-01-02,"two\r\nlines, and ""quotes"""\r\nb@x.test,Bob,,,\r\n';
    const job = await importFile(csv, 'people.csv');
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.progress).toMatchObject({ rowsRead: 2, rowsValid: 2, rowsInvalid: 0, percent: 100 });
    expect(job.summary).toMatchObject({ rowsStored: 2 });
    const rows = await t.db.query(`SELECT email, notes, age FROM "${schema}".customers ORDER BY email`);
    expect(rows).toEqual([
      { email: 'a@x.test', notes: 'two\r\nlines, and "quotes"', age: 30 },
      { email: 'b@x.test', notes: null, age: null },
    ]);
    const mail = await sink.waitFor((m) => m.subject.includes('Import into customers succeeded'));
    expect(mail.to).toEqual([TEST_ADMIN_EMAIL]);
    expect(mail.text).toContain('2 rows stored');
    await sealAudit(t);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [job.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['import.start', 'import.end']);
  });

  it('imports JSON, NDJSON and XLSX', async () => {
    expect((await importFile(JSON.stringify([{ email: 'j@x.test', name: 'Jay' }]), 'a.json')).status).toBe('succeeded');
    expect((await importFile('{"email":"n@x.test","name":"Nan"}\n', 'a.ndjson')).status).toBe('succeeded');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['email', 'name', 'age']);
    sheet.addRow(['x@x.test', 'Xia', 41]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await importFile(xlsx, 'a.xlsx')).status).toBe('succeeded');
    expect(await stored()).toEqual(['j@x.test', 'n@x.test', 'x@x.test']);
  });

  it('abort: any bad row stores nothing; each bad row is reported with row, column, value and message', async () => {
    await t.db.query(`INSERT INTO "${schema}".customers (email, name) VALUES ('taken@x.test', 'Old')`);
    const csv = [
      'email,name,age,born',
      'ok@x.test,Ok,1,2000-01-01', // row 2
      ',Missing,,', // row 3: missing required
      'not-an-email,Bad,,', // 4
      'd@x.test,Date,,2000-13-45', // 5
      'n@x.test,Num,abc,', // 6
      'ok@x.test,Again,,', // 7: duplicate inside the file
      'taken@x.test,Dup,,', // 8: duplicate of a stored row
    ].join('\n');
    const job = await importFile(csv, 'bad.csv');
    expect(job.status).toBe('failed');
    expect(job.summary).toMatchObject({ rowsStored: 0, rowsInvalid: 6 });
    expect(String(job.summary?.message)).toContain('nothing was stored');
    expect(await stored()).toEqual(['taken@x.test']);
    const errors = (await errorsOf(job.id)) as Array<{ row: number; column: string; value: string; message: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'email'],
      [4, 'email'],
      [5, 'born'],
      [6, 'age'],
      [7, 'email'],
      [8, 'email'],
    ]);
    expect(errors[5]).toMatchObject({ value: 'taken@x.test', message: 'duplicates a stored record' });
    const csvReport = await t.http.get(`${base()}/imports/${job.id}/errors?format=csv`, { token });
    expect(csvReport.headers.get('content-type')).toContain('text/csv');
    expect(csvReport.text.split('\n')[0]).toBe('email,name,age,born,error');
    expect(csvReport.text).toContain('not-an-email');
    await sink.waitFor((m) => m.subject.includes('Import into customers failed'));
  });

  it('skip stores the good rows; dry run stores nothing', async () => {
    await t.db.query(`INSERT INTO "${schema}".customers (email, name) VALUES ('taken@x.test', 'Old')`);
    const csv = 'email,name\ngood@x.test,Good\nbad,Bad\ntaken@x.test,Dup\n';
    const dry = await importFile(csv, 'f.csv', { onError: 'skip', dryRun: 'true' });
    expect(dry.status).toBe('succeeded');
    expect(dry.summary).toMatchObject({ dryRun: true, rowsStored: 0, rowsValid: 1, rowsInvalid: 2 });
    expect(await stored()).toEqual(['taken@x.test']);
    const job = await importFile(csv, 'f.csv', { onError: 'skip' });
    expect(job.status).toBe('succeeded');
    expect(job.summary).toMatchObject({ rowsStored: 1, rowsInvalid: 2 });
    expect(await stored()).toEqual(['good@x.test', 'taken@x.test']);
  });

  it('upsert updates by the named unique key', async () => {
    await t.db.query(`INSERT INTO "${schema}".customers (email, name) VALUES ('u@x.test', 'Old')`);
    const job = await importFile('email,name\nu@x.test,New\nv@x.test,Vee\n', 'u.csv', {
      mode: 'upsert',
      upsertKey: 'email',
    });
    expect(job.status).toBe('succeeded');
    const rows = await t.db.query(`SELECT email, name FROM "${schema}".customers ORDER BY email`);
    expect(rows).toEqual([
      { email: 'u@x.test', name: 'New' },
      { email: 'v@x.test', name: 'Vee' },
    ]);
    const revert = await t.http.post(`${base()}/imports/${job.id}/revert`, undefined, { token });
    expect(revert.status).toBe(409);
  });

  it('revert removes exactly what the import added, once', async () => {
    await t.db.query(`INSERT INTO "${schema}".customers (email, name) VALUES ('keep@x.test', 'Keep')`);
    const job = await importFile('email,name\nr1@x.test,R\nr2@x.test,R\n', 'r.csv');
    expect(await stored()).toEqual(['keep@x.test', 'r1@x.test', 'r2@x.test']);
    const res = await t.http.post(`${base()}/imports/${job.id}/revert`, undefined, { token });
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ rowsReverted: 2 });
    expect(await stored()).toEqual(['keep@x.test']);
    expect((await t.http.post(`${base()}/imports/${job.id}/revert`, undefined, { token })).status).toBe(409);
    await sealAudit(t);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [job.id]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('import.revert');
  });

  it('the same Idempotency-Key returns the first job with 200', async () => {
    const key = `k-${Date.now()}`;
    const first = await upload('email,name\ni@x.test,I\n', 'i.csv', {}, { 'idempotency-key': key });
    expect(first.status).toBe(202);
    const again = await upload('email,name\ni@x.test,I\n', 'i.csv', {}, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await finished(first.body.id);
    expect(await stored()).toEqual(['i@x.test']);
  });

  it('fails cleanly on files that are empty, unknown, mislabelled, too long per line, or not UTF-8', async () => {
    const empty = await importFile('', 'e.csv');
    expect(empty.status).toBe('failed');
    expect(empty.error).toMatch(/empty/i);
    const headerOnly = await importFile('email,name\n', 'h.csv');
    expect(headerOnly.status).toBe('succeeded');
    expect(headerOnly.summary).toMatchObject({ rowsRead: 0, rowsStored: 0 });
    const unknown = await importFile('email,name,shoe_size\na@x.test,A,9\n', 'u.csv');
    expect(unknown.status).toBe('failed');
    expect(unknown.error).toContain('shoe_size');
    const mislabelled = await importFile(JSON.stringify([{ email: 'a@x.test' }]), 'x.xlsx');
    expect(mislabelled.status).toBe('failed');
    const longLine = await importFile(`email,name\na@x.test,${'x'.repeat(10 * 1024 * 1024)}\n`, 'l.csv');
    expect(longLine.status).toBe('failed');
    expect(longLine.error).toMatch(/row 2/i);
    const latin = Buffer.concat([
      Buffer.from('email,name\nz@x.test,Zo'),
      Buffer.from([0xeb]),
      Buffer.from('\nok@x.test,Ok\n'),
    ]);
    const invalid = await importFile(latin, 'i.csv', { onError: 'skip' });
    expect(invalid.status).toBe('succeeded');
    expect(invalid.summary).toMatchObject({ rowsStored: 1, rowsInvalid: 1 });
    expect(await stored()).toEqual(['ok@x.test']);
  });

  it('answers 415 for an unsupported type, 400 for a bad request, 413 past IMPORT_MAX_BYTES', async () => {
    expect((await upload('a,b\n', 'data.txt')).status).toBe(415);
    const bad = await upload('a,b\n', 'data.csv', { table: 'nope', mode: 'sideways' });
    expect(bad.status).toBe(400);
    const json = await t.http.post(`${base()}/imports`, { table: 'customers' }, { token });
    expect(json.status).toBe(415);
    // IMPORT_MAX_BYTES is 12 MiB in this app
    const big = await upload(Buffer.alloc(13 * 1024 * 1024, 'x'), 'big.csv');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('FILE_TOO_LARGE');
  });

  it('cancel stops a queued import, which then stores nothing; a finished one is a 409', async () => {
    const res = await upload('email,name\nc@x.test,C\n', 'c.csv');
    const cancel = await t.http.post(`${base()}/imports/${res.body.id}/cancel`, undefined, { token });
    if (cancel.status === 200) {
      expect(cancel.body.status).toBe('cancelled');
      await new Promise((r) => setTimeout(r, 500));
      expect((await finished(res.body.id)).status).toBe('cancelled');
      expect(await stored()).toEqual([]);
    } else {
      // the worker was quicker: it is finished, so cancelling is refused
      expect(cancel.status).toBe(409);
    }
    const done = await finished(res.body.id);
    expect((await t.http.post(`${base()}/imports/${done.id}/cancel`, undefined, { token })).status).toBe(409);
    const log = await t.http.get(`${base()}/imports/${done.id}/log`, { token });
    expect(log.body.results.length).toBeGreaterThan(0);
  });

  it('exports CSV through COPY with filter, sort and fields, neutralizing formulas; JSON and XLSX too', async () => {
    await importFile(
      'email,name,age,notes\na@x.test,Ann,30,=SUM(A1)\nb@x.test,Bob,20,plain\nc@x.test,Cy,-5,\n',
      'e.csv',
    );
    const created = await t.http.post(
      `${base()}/exports`,
      { table: 'customers', format: 'csv', filter: { age: { lt: 25 } }, sort: '-email', fields: 'email,age,notes' },
      { token },
    );
    expect(created.status).toBe(202);
    const job = await finished(created.body.id, 'exports');
    expect(job.status).toBe('succeeded');
    const file = await t.http.get(`${base()}/exports/${job.id}/download`, { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="customers-.*\.csv"/);
    const lines = file.text.trim().split('\n');
    expect(lines[0]).toBe('id,email,age,notes');
    expect(lines.slice(1).map((l) => l.split(',').slice(1).join(','))).toEqual(['c@x.test,-5,', 'b@x.test,20,plain']);

    const all = await t.http.post(
      `${base()}/exports`,
      { table: 'customers', format: 'csv', fields: 'notes', sort: 'email' },
      { token },
    );
    const allFile = await t.http.get(`${base()}/exports/${(await finished(all.body.id, 'exports')).id}/download`, {
      token,
    });
    expect(allFile.text).toContain(`'=SUM(A1)`);

    const json = await t.http.post(
      `${base()}/exports`,
      { table: 'customers', format: 'json', sort: 'email' },
      { token },
    );
    const jsonJob = await finished(json.body.id, 'exports');
    const jsonFile = await t.http.get(`${base()}/exports/${jsonJob.id}/download`, { token });
    expect(jsonFile.headers.get('content-type')).toContain('application/json');
    expect((JSON.parse(jsonFile.text) as Array<{ notes: string }>)[0].notes).toBe('=SUM(A1)');

    const bad = await t.http.post(`${base()}/exports`, { table: 'customers', format: 'csv', sort: 'nope' }, { token });
    expect(bad.status).toBe(400);
    await sink.waitFor((m) => m.subject.includes('Export of customers succeeded'));
  });
});
