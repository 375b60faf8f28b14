import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * What record writes and reads refuse, and how: unique 409 and missing references 422 naming the
 * column, unknown and read-only fields, NUL bytes, unknown tables and records, bulk creates that
 * store all or nothing, and hostile query strings that are each a 400 naming the problem.
 */
describe('records: errors', () => {
  let t: TestApp;
  let token: string;
  let slug: string;
  let schema: string;
  let acmeId: string;

  const records = (table: string) => `/api/tenants/${slug}/tables/${table}/records`;
  const countOf = async (table: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM "${schema}"."${table}"`))[0].n);
  const historyRows = async () =>
    Number((await t.db.query(`SELECT count(*) AS n FROM "${schema}"._record_history`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    ({ slug, schemaName: schema } = await createTenant(t, token));
    const definition = {
      tables: [
        {
          name: 'companies',
          columns: [
            { name: 'name', type: 'string', maxLength: 20, required: true },
            { name: 'domain_name', type: 'string', unique: true },
          ],
        },
        {
          name: 'contacts',
          columns: [
            { name: 'email', type: 'email', required: true, unique: true },
            { name: 'first_name', type: 'string' },
            { name: 'age', type: 'integer' },
            { name: 'company', type: 'reference', references: 'companies', onDelete: 'restrict' },
          ],
        },
      ],
    };
    const put = await t.http.put(`/api/tenants/${slug}/schema`, { definition, expectedVersion: 0 }, { token });
    expect(put.status).toBe(200);
    acmeId = (await t.http.post(records('companies'), { name: 'Acme', domain_name: 'acme.test' }, { token })).body.id;
  });

  afterAll(async () => {
    await deleteTenant(t, token, slug);
    await t.close();
  });

  it('answers a duplicate of a unique column with 409 naming the column (create and update)', async () => {
    const dup = await t.http.post(records('companies'), { name: 'Acme 2', domain_name: 'acme.test' }, { token });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      details: [{ field: 'domain_name', message: 'is already taken' }],
    });
    const other = await t.http.post(records('companies'), { name: 'Other', domain_name: 'other.test' }, { token });
    const patch = await t.http.patch(
      `${records('companies')}/${other.body.id}`,
      { domain_name: 'acme.test' },
      { token },
    );
    expect(patch.status).toBe(409);
    expect(patch.body.details).toEqual([{ field: 'domain_name', message: 'is already taken' }]);
  });

  it('answers a reference to a missing record with 422 naming the column, and a blocked delete with 409', async () => {
    const missing = '0190a0a0-0000-7000-8000-000000000000';
    const created = await t.http.post(records('contacts'), { email: 'x@y.test', company: missing }, { token });
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      details: [{ field: 'company', message: 'refers to a record that does not exist' }],
    });
    const ok = await t.http.post(records('contacts'), { email: 'ref@y.test', company: acmeId }, { token });
    expect(ok.status).toBe(201);
    const patched = await t.http.patch(`${records('contacts')}/${ok.body.id}`, { company: missing }, { token });
    expect(patched.status).toBe(422);
    expect(patched.body.details[0].field).toBe('company');

    const blocked = await t.http.delete(`${records('companies')}/${acmeId}`, { token });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('contacts.company');
    expect((await t.http.get(`${records('companies')}/${acmeId}`, { token })).status).toBe(200);
  });

  it('refuses unknown fields, system columns, bad values and NUL bytes with 400 naming each field', async () => {
    const res = await t.http.post(
      records('contacts'),
      { email: 'not-an-email', age: 'old', nickname: 'x', id: 'abc', created_at: '2024-01-01T00:00:00Z' },
      { token },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', message: expect.any(String) },
        { field: 'age', message: expect.any(String) },
        { field: 'nickname', message: 'is not a column of this table' },
        { field: 'id', message: 'is read-only' },
        { field: 'created_at', message: 'is read-only' },
      ]),
    );
    const nul = await t.http.post(records('contacts'), { email: 'n@y.test', first_name: 'a\u0000b' }, { token });
    expect(nul.status).toBe(400);
    expect(nul.body.details).toEqual([{ field: 'first_name', message: expect.stringContaining('NUL') }]);
    const notObject = await t.http.post(records('contacts'), 'text' as unknown, { token });
    expect(notObject.status).toBe(400);
    const tooLong = await t.http.post(records('companies'), { name: 'x'.repeat(21) }, { token });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details[0].field).toBe('name');
  });

  it('answers an unknown table or record with 404 and a malformed id with 400', async () => {
    for (const res of [
      await t.http.get(records('nope'), { token }),
      await t.http.post(records('nope'), {}, { token }),
      await t.http.get(`/api/tenants/${slug}/tables/nope/aggregate`, { token }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TABLE_NOT_FOUND');
    }
    const missing = '0190a0a0-0000-7000-8000-000000000001';
    for (const res of [
      await t.http.get(`${records('contacts')}/${missing}`, { token }),
      await t.http.patch(`${records('contacts')}/${missing}`, { age: 3 }, { token }),
      await t.http.put(`${records('contacts')}/${missing}`, { email: 'a@b.test' }, { token }),
      await t.http.delete(`${records('contacts')}/${missing}`, { token }),
      await t.http.get(`${records('contacts')}/${missing}/history`, { token }),
      await t.http.post(`${records('contacts')}/${missing}/restore`, { revision: 1 }, { token }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toMatch(/^(RECORD|REVISION)_NOT_FOUND$/);
    }
    const bad = await t.http.get(`${records('contacts')}/1%27%20OR%201=1`, { token });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('stores a bulk create all or none', async () => {
    const before = { contacts: await countOf('contacts'), history: await historyRows() };
    const good = (i: number) => ({ email: `bulk${i}@y.test`, company: acmeId, age: i });

    const invalid = await t.http.post(records('contacts'), [good(1), good(2), { email: 'nope' }], { token });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details).toEqual([{ field: '2.email', message: expect.any(String) }]);

    const duplicate = await t.http.post(records('contacts'), [good(1), good(2), good(1)], { token });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.details[0].field).toBe('email');

    const dangling = await t.http.post(
      records('contacts'),
      [good(1), { ...good(2), company: '0190a0a0-0000-7000-8000-000000000002' }],
      { token },
    );
    expect(dangling.status).toBe(422);

    const tooMany = await t.http.post(
      records('contacts'),
      Array.from({ length: 1001 }, (_, i) => good(i)),
      { token },
    );
    expect(tooMany.status).toBe(400);
    expect((await t.http.post(records('contacts'), [], { token })).status).toBe(400);

    expect(await countOf('contacts')).toBe(before.contacts);
    expect(await historyRows()).toBe(before.history);

    // Rows naming different columns (some left to defaults) in one request: all stored, in order.
    const thousand = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? { email: `k${i}@y.test` } : good(i + 10)));
    const stored = await t.http.post(records('contacts'), thousand, { token });
    expect(stored.status).toBe(201);
    expect(stored.body.map((c: { email: string }) => c.email)).toEqual(thousand.map((c) => c.email));
    expect(stored.body[1]).toMatchObject({ age: 11, company: acmeId });
    expect(await countOf('contacts')).toBe(before.contacts + 1000);
    expect(await historyRows()).toBe(before.history + 1000);
  });

  describe('hostile query strings: each a 400 naming the problem, never a 500', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['SQL in a value of a typed column', 'age=1;DROP TABLE contacts', /^age$/],
      ['SQL in a column name', 'filter[email"; DROP TABLE contacts; --][eq]=1', /^filter\[email"; DROP/],
      ['SQL in a shorthand column name', '1%3D1%20OR%20email=x', /1=1 OR email/],
      ['SQL in an operator', 'filter[email][eq) OR (1=1]=x', /^filter\[email\]/],
      ['SQL in a sort name', 'sort=email;DROP TABLE contacts', /^sort$/],
      ['SQL in fields', 'fields=id,"; SELECT 1', /^fields$/],
      ['SQL in expand', 'expand=company) x; --', /^expand$/],
      ['a pageSize of 10^9', 'pageSize=1000000000', /^pageSize$/],
      ['a page of -1', 'page=-1', /^page$/],
      ['an unknown count', 'count=all', /^count$/],
      ['a malformed bracket', 'filter[email=x', /filter/],
      ['an empty operator', 'filter[email][]=x', /filter/],
      ['too deep', 'filter[email][eq][x]=1', /filter/],
      ['a repeated parameter', 'email=a@b.test&email=c@d.test', /^email$/],
      ['a repeated reserved parameter', 'sort=email&sort=age', /^sort$/],
      ['a very long value', `first_name=${'x'.repeat(5000)}`, /^first_name$/],
      ['a very long column name', `${'c'.repeat(5000)}=1`, /…$/],
      ['a forged cursor', 'cursor=eyJzIjoiZm9vIn0', /^cursor$/],
      ['a cursor with page', 'cursor=&page=2', /^cursor$/],
      ['a two-level expand', 'expand=company.name', /^expand$/],
      ['between with one value', 'filter[age][between]=1', /^filter\[age\]\[between\]$/],
      ['isNull with a non-boolean', 'filter[age][isNull]=maybe', /^filter\[age\]\[isNull\]$/],
    ];

    it.each(cases)('%s', async (_, query, field) => {
      const res = await t.http.get(`${records('contacts')}?${query}`, { token });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining([expect.stringMatching(field)]),
      );
    });

    it('takes SQL in a text value as a value, and `%`, `_` and `\\` as themselves', async () => {
      await t.http.post(
        records('contacts'),
        [
          { email: 'pct@y.test', first_name: '100% sure' },
          { email: 'under@y.test', first_name: 'a_b\\c' },
          { email: 'plain@y.test', first_name: 'abbc' },
        ],
        { token },
      );
      const injected = await t.http.get(`${records('contacts')}?first_name=${encodeURIComponent("' OR '1'='1")}`, {
        token,
      });
      expect(injected.status).toBe(200);
      expect(injected.body.count).toBe(0);
      const names = async (q: string) =>
        (await t.http.get(`${records('contacts')}?${q}`, { token })).body.results.map((c: any) => c.first_name);
      expect(await names(`filter[first_name][contains]=${encodeURIComponent('%')}`)).toEqual(['100% sure']);
      expect(await names(`filter[first_name][startsWith]=${encodeURIComponent('a_')}`)).toEqual(['a_b\\c']);
      expect(await names(`filter[first_name][endsWith]=${encodeURIComponent('\\c')}`)).toEqual(['a_b\\c']);
      expect(await countOf('contacts')).toBeGreaterThan(3);
    });

    it.each([
      ['an unknown metric', 'metrics=median:age', /^metrics$/],
      ['sum over text', 'metrics=sum:email', /^metrics$/],
      ['SQL in groupBy', 'groupBy=email;DROP TABLE contacts', /^groupBy$/],
      ['a repeated groupBy', 'groupBy=email&groupBy=age', /^groupBy$/],
    ])('aggregate: %s', async (_, query, field) => {
      const res = await t.http.get(`/api/tenants/${slug}/tables/contacts/aggregate?${query}`, { token });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining([expect.stringMatching(field)]),
      );
    });
  });

  it('aggregates with filters: {results} only', async () => {
    const res = await t.http.get(
      `/api/tenants/${slug}/tables/contacts/aggregate?groupBy=company&metrics=count,sum:age,max:age&filter[age][gte]=10`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['results']);
    const [row] = res.body.results;
    const [expected] = await t.db.query(
      `SELECT count(*)::int AS n, sum(age)::int AS s, max(age) AS m FROM "${schema}".contacts WHERE age >= 10 AND company IS NOT NULL`,
    );
    expect(row).toEqual({ company: acmeId, count: expected.n, sum_age: expected.s, max_age: expected.m });
  });
});
