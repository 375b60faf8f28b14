import { createTenant } from '../factories/tenants.factory';
import { responseProblems, responseSchema } from '../utils/openapi-response-check';
import { startTestApp, TestApp } from '../utils/test-app';

const DEFINITION = {
  tables: [
    {
      name: 'customers',
      columns: [
        { name: 'email', type: 'email', required: true, unique: true },
        { name: 'age', type: 'integer' },
      ],
    },
  ],
};

const IMPORTS = '/api/tenants/{tenant}/imports';
const EXPORTS = '/api/tenants/{tenant}/exports';

/**
 * Every import and export answer, in each state a job reaches, holds exactly what /docs-json
 * describes for it: a field the schema leaves out (or mistypes) fails here, so the console's
 * generated types cannot drift from what the API sends.
 */
describe('import and export answers match their OpenAPI schemas (real PostgreSQL, Redis and worker)', () => {
  let t: TestApp;
  let document: any;
  let token: string;
  let slug: string;

  const base = () => `/api/tenants/${slug}`;
  const problems = (method: string, path: string, status: number, body: unknown) =>
    responseProblems(document, responseSchema(document, method, path, status), body);

  async function upload(csv: string, fields: Record<string, string>) {
    const response = await t.http.upload<{ id: string }>(
      `${base()}/imports`,
      { table: 'customers', ...fields },
      { content: csv, name: 'people.csv' },
      { token },
    );
    return { status: response.status, body: response.body };
  }

  async function finished(path: 'imports' | 'exports', id: string) {
    const deadline = Date.now() + 30000;
    for (;;) {
      const res = await t.http.get(`${base()}/${path}/${id}`, { token });
      if (!['queued', 'running'].includes(res.body.status) || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs-json')).body;
    token = await t.adminToken();
    slug = (await createTenant(t, token)).slug;
    const res = await t.http.put(`${base()}/schema`, { definition: DEFINITION, expectedVersion: 0 }, { token });
    if (res.status !== 200) throw new Error(res.text);
  });
  afterAll(() => t?.close());

  it('the check itself refuses a field the schema does not describe, a missing one and a wrong type', () => {
    const schema = responseSchema(document, 'get', `${IMPORTS}/{id}`, 200);
    const job = {
      id: '00000000-0000-4000-8000-000000000000',
      table: 'customers',
      format: 'csv',
      mode: 'insert',
      onError: 'abort',
      dryRun: false,
      fileName: 'people.csv',
      status: 'queued',
      progress: { rowsRead: 0, rowsValid: 0, rowsInvalid: 0, bytesRead: 0, bytesTotal: 10, percent: 0 },
      summary: null,
      error: null,
      createdBy: null,
      createdAt: '2026-11-23T10:00:00.000Z',
      startedAt: null,
      finishedAt: null,
    };
    expect(responseProblems(document, schema, job)).toEqual([]);
    const { fileName: _fileName, ...withoutFileName } = job;
    expect(
      responseProblems(document, schema, {
        ...withoutFileName,
        status: 'paused',
        progress: { ...job.progress, phase: 'loading' },
        errorsKey: 'x',
      }),
    ).toEqual([
      '$.fileName: required, missing',
      '$.status: "paused" is not in the enum',
      '$.progress.phase: not described by the schema',
      '$.errorsKey: not described by the schema',
    ]);
  });

  it('import jobs: created, listed, succeeded, reverted, with their log', async () => {
    const created = await upload('email,age\na@x.test,30\nb@x.test,\n', {});
    expect(created.status).toBe(202);
    expect(problems('post', IMPORTS, 202, created.body)).toEqual([]);
    const done = await finished('imports', created.body.id);
    expect(done.body.status).toBe('succeeded');
    expect(problems('get', `${IMPORTS}/{id}`, 200, done.body)).toEqual([]);
    const list = await t.http.get(`${base()}/imports`, { token });
    expect(problems('get', IMPORTS, 200, list.body)).toEqual([]);
    const log = await t.http.get(`${base()}/imports/${created.body.id}/log`, { token });
    expect(log.body.results.length).toBeGreaterThan(0);
    expect(problems('get', `${IMPORTS}/{id}/log`, 200, log.body)).toEqual([]);
    const reverted = await t.http.post(`${base()}/imports/${created.body.id}/revert`, undefined, { token });
    expect(reverted.body.summary).toMatchObject({ rowsReverted: 2 });
    expect(problems('post', `${IMPORTS}/{id}/revert`, 200, reverted.body)).toEqual([]);
  });

  it('a failed import and its row errors; a dry run', async () => {
    const created = await upload('email,age\nnot-an-email,x\nc@x.test,1\n', { onError: 'abort' });
    const failed = await finished('imports', created.body.id);
    expect(failed.body.status).toBe('failed');
    expect(problems('get', `${IMPORTS}/{id}`, 200, failed.body)).toEqual([]);
    const errors = await t.http.get(`${base()}/imports/${created.body.id}/errors`, { token });
    expect(errors.body.results.length).toBeGreaterThan(0);
    expect(problems('get', `${IMPORTS}/{id}/errors`, 200, errors.body)).toEqual([]);
    const dryRun = await upload('email,age\nd@x.test,4\n', { dryRun: 'true' });
    const checked = await finished('imports', dryRun.body.id);
    expect(checked.body.summary).toMatchObject({ dryRun: true });
    expect(problems('get', `${IMPORTS}/{id}`, 200, checked.body)).toEqual([]);
  });

  it('export jobs: created, listed, succeeded', async () => {
    const created = await t.http.post(`${base()}/exports`, { table: 'customers', format: 'csv' }, { token });
    expect(created.status).toBe(202);
    expect(problems('post', EXPORTS, 202, created.body)).toEqual([]);
    const done = await finished('exports', created.body.id);
    expect(done.body.status).toBe('succeeded');
    expect(problems('get', `${EXPORTS}/{id}`, 200, done.body)).toEqual([]);
    const list = await t.http.get(`${base()}/exports`, { token });
    expect(problems('get', EXPORTS, 200, list.body)).toEqual([]);
  });
});
