import { fastReadUrls } from '@app/core';
import type { FastifyInstance } from 'fastify';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMember, createTenant, deleteTenant } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';

const FAST_ROUTES = [
  'GET /api/users',
  'GET /api/tenants/:tenant',
  'GET /api/tenants/:tenant/tables/:table/records',
  'GET /api/tenants/:tenant/tables/:table/records/:id',
  'POST /api/tenants/:tenant/tables/:table/records',
];

const UNKNOWN_ID = '0190a0a0-0000-7000-8000-000000000001';

async function eventually<T>(probe: () => T, ok: (value: T) => boolean, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The hottest reads (records get and list, tenant read, users list) are served by `@FastRead`
 * handlers that skip Nest's router pipeline. Whatever they answer must be what Nest answers: the
 * same statuses, headers and error bodies, the same access checks effective at once, the same
 * request log line and HTTP metrics.
 */
describe('fast read routes', () => {
  let t: TestApp;
  let logDir: string;
  let admin: string;
  let slug: string;
  let recordId: string;
  let viewer: { id: string; token: string };
  let outsider: string;

  const records = () => `/api/tenants/${slug}/tables/orders/records`;

  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), 'strata-fast-logs-'));
    __resetOutOfContextForTests();
    t = await startTestApp({ LOG_LEVEL: 'info', LOG_FILE: join(logDir, 'strata.log'), AUTH_CACHE_TTL_SECONDS: '300' });
    admin = await t.adminToken();
    ({ slug } = await createTenant(t, admin));
    const definition = {
      tables: [
        {
          name: 'orders',
          columns: [
            { name: 'account', type: 'integer', required: true },
            { name: 'note', type: 'string' },
          ],
        },
      ],
    };
    expect(
      (await t.http.put(`/api/tenants/${slug}/schema`, { definition, expectedVersion: 0 }, { token: admin })).status,
    ).toBe(200);
    const created = await t.http.post(records(), { account: 7, note: 'first' }, { token: admin });
    expect(created.status).toBe(201);
    recordId = created.body.id;
    const viewerUser = await createUser(t, admin);
    await addMember(t, admin, slug, viewerUser.email, 'viewer');
    viewer = { id: viewerUser.id, token: (await login(t, viewerUser.email, viewerUser.password)).accessToken };
    const outsiderUser = await createUser(t, admin);
    outsider = (await login(t, outsiderUser.email, outsiderUser.password)).accessToken;
  });

  afterAll(async () => {
    await deleteTenant(t, admin, slug);
    await t?.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('serves exactly the marked routes from the fast handler', () => {
    const served = fastReadUrls(t.app.getHttpAdapter().getInstance() as FastifyInstance);
    expect([...served].sort()).toEqual([...FAST_ROUTES].sort());
  });

  /** Each a GET on a fast route; its HEAD twin is answered by Nest's own pipeline. */
  const cases = (): Array<{ name: string; url: string; token?: string; bodyNamesMethod?: boolean }> => [
    { name: 'a record', url: `${records()}/${recordId}`, token: viewer.token },
    {
      name: 'a page',
      url: `${records()}?filter[account][eq]=7&sort=-created_at&page=1&pageSize=5`,
      token: viewer.token,
    },
    { name: 'the tenant', url: `/api/tenants/${slug}`, token: viewer.token },
    { name: 'the users', url: '/api/users?pageSize=2&ordering=-createdAt', token: admin },
    { name: 'a plain users page', url: '/api/users?page=2&pageSize=1', token: admin },
    { name: 'no token', url: `${records()}/${recordId}` },
    { name: 'a bad token', url: `/api/tenants/${slug}`, token: 'not.a.token' },
    { name: 'not a member', url: records(), token: outsider },
    { name: 'not a superadmin', url: '/api/users', token: viewer.token },
    { name: 'an unknown table', url: `/api/tenants/${slug}/tables/nope/records`, token: viewer.token },
    { name: 'an unknown record', url: `${records()}/${UNKNOWN_ID}`, token: viewer.token },
    { name: 'a malformed id', url: `${records()}/not-a-uuid`, token: viewer.token },
    { name: 'an unknown column', url: `${records()}?filter[nope][eq]=1`, token: viewer.token },
    { name: 'a bad operator', url: `${records()}?filter[account][like]=1`, token: viewer.token },
    { name: 'a bad page size', url: `${records()}?pageSize=0`, token: viewer.token },
    { name: 'an unknown users query', url: '/api/users?colour=red', token: admin },
    {
      name: 'an empty path parameter',
      url: `/api/tenants/${slug}/tables//records/${recordId}`,
      token: viewer.token,
      bodyNamesMethod: true, // "Cannot GET ..." against "Cannot HEAD ..."
    },
  ];

  it('answers every outcome with the status, headers and body length Nest gives its HEAD twin', async () => {
    for (const { name, url, token, bodyNamesMethod } of cases()) {
      const headers = { 'x-request-id': `fast-${randomUUID()}` };
      const get = await t.http.get(url, { token, headers });
      const head = await t.http.request('HEAD', url, { token, headers });
      const seen = (res: typeof get) => ({
        name,
        status: res.status,
        type: res.headers.get('content-type'),
        length: Number(res.headers.get('content-length')) - (bodyNamesMethod && res === head ? 1 : 0),
        requestId: res.headers.get('x-request-id'),
      });
      expect(seen(get)).toEqual(seen(head));
      expect(get.headers.get('x-request-id')).toBe(headers['x-request-id']);
    }
  });

  it('answers with the contract error shape and messages', async () => {
    const noToken = await t.http.get(`${records()}/${recordId}`);
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'UNAUTHORIZED',
      message: 'A bearer access token is required',
      requestId: noToken.headers.get('x-request-id'),
    });
    const badToken = await t.http.get(`/api/tenants/${slug}`, { token: 'not.a.token' });
    expect(badToken.body).toMatchObject({ code: 'INVALID_TOKEN', message: 'The access token is invalid' });
    const outside = await t.http.get(records(), { token: outsider });
    expect(outside.body).toMatchObject({
      statusCode: 404,
      code: 'TENANT_NOT_FOUND',
      message: `Tenant ${slug} not found`,
    });
    const notAdmin = await t.http.get('/api/users', { token: viewer.token });
    expect(notAdmin.body).toMatchObject({
      statusCode: 403,
      code: 'FORBIDDEN',
      message: 'Only a superadmin may do this',
    });
    const badId = await t.http.get(`${records()}/not-a-uuid`, { token: viewer.token });
    expect(badId.body).toMatchObject({ statusCode: 400, details: [{ field: 'id', message: 'must be a UUID' }] });
    const unknownColumn = await t.http.get(`${records()}?filter[nope][eq]=1`, { token: viewer.token });
    expect(unknownColumn.status).toBe(400);
    expect(JSON.stringify(unknownColumn.body)).toContain('nope');
    const empty = await t.http.get(`/api/tenants/${slug}/tables//records/${recordId}`, { token: viewer.token });
    expect(empty.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    const query = await t.http.get('/api/users?colour=red', { token: admin });
    expect(query.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'colour', message: 'property colour should not exist' }],
    });
  });

  /**
   * The fast create has no HEAD twin to compare with: these are the answers Nest's pipeline gave
   * (this test passes unchanged on a build without `@FastCreate`).
   */
  it('answers a create as Nest did: 201 and the record, the same errors', async () => {
    const post = (body: unknown, token?: string, url = records()) => t.http.post(url, body, { token });
    const created = await post({ account: 8, note: 'fast' }, admin);
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(created.body).toMatchObject({ account: 8, note: 'fast' });
    expect((await t.http.get(`${records()}/${created.body.id}`, { token: viewer.token })).body).toEqual(created.body);
    const bulk = await post([{ account: 9 }, { account: 10 }], admin);
    expect(bulk.status).toBe(201);
    expect(bulk.body.map((r: { account: number }) => r.account)).toEqual([9, 10]);

    const answers: Array<[string, Awaited<ReturnType<typeof post>>, number, Record<string, unknown>]> = [
      ['no token', await post({ account: 1 }), 401, { code: 'UNAUTHORIZED' }],
      ['a viewer', await post({ account: 1 }, viewer.token), 403, { code: 'FORBIDDEN' }],
      ['not a member', await post({ account: 1 }, outsider), 404, { code: 'TENANT_NOT_FOUND' }],
      [
        'an unknown table',
        await post({ account: 1 }, admin, `/api/tenants/${slug}/tables/nope/records`),
        404,
        { statusCode: 404 },
      ],
      ['a missing required value', await post({ note: 'x' }, admin), 400, { code: 'VALIDATION_FAILED' }],
      ['a value of the wrong type', await post({ account: 'seven' }, admin), 400, { code: 'VALIDATION_FAILED' }],
      ['an unknown column', await post({ account: 1, nope: 1 }, admin), 400, { code: 'VALIDATION_FAILED' }],
      ['not an object', await post('"text"', admin), 400, { statusCode: 400 }],
      [
        'an empty path parameter',
        await post({ account: 1 }, admin, `/api/tenants/${slug}/tables//records`),
        404,
        { code: 'ROUTE_NOT_FOUND' },
      ],
    ];
    for (const [name, res, status, body] of answers) {
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(res.body).toMatchObject({ ...body, requestId: res.headers.get('x-request-id') });
    }
  });

  it('applies a role change and a deactivation on the very next fast read', async () => {
    const member = await createUser(t, admin);
    await addMember(t, admin, slug, member.email, 'viewer');
    const token = (await login(t, member.email, member.password)).accessToken;
    const record = `${records()}/${recordId}`;
    expect((await t.http.get(record, { token })).status).toBe(200);
    expect((await t.http.get(records(), { token })).status).toBe(200);

    const demoted = await t.http.patch(
      `/api/tenants/${slug}/members/${member.id}`,
      { role: 'auditor' },
      { token: admin },
    );
    expect(demoted.status).toBe(200);
    const refused = await t.http.get(record, { token });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('This needs one of the tenant roles: admin, editor, viewer');
    expect((await t.http.get(records(), { token })).status).toBe(403);
    expect((await t.http.get(`/api/tenants/${slug}`, { token })).status).toBe(200);

    expect((await t.http.patch(`/api/users/${member.id}`, { isActive: false }, { token: admin })).status).toBe(200);
    for (const url of [record, records(), `/api/tenants/${slug}`]) {
      const res = await t.http.get(url, { token });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('The access token does not belong to an active user');
    }
  });

  it('writes the same request log line as a request through Nest', async () => {
    const fastId = `fast-${randomUUID()}`;
    const nestId = `nest-${randomUUID()}`;
    expect(
      (await t.http.get(`${records()}/${recordId}`, { token: viewer.token, headers: { 'x-request-id': fastId } }))
        .status,
    ).toBe(200);
    expect(
      (await t.http.get(`/api/users/${viewer.id}`, { token: viewer.token, headers: { 'x-request-id': nestId } }))
        .status,
    ).toBe(200);
    const completed = (requestId: string) =>
      readdirSync(logDir)
        .flatMap((file) => readFileSync(join(logDir, file), 'utf8').split('\n'))
        .filter((line) => line.includes(requestId))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.res !== undefined);
    const fast = await eventually(
      () => completed(fastId),
      (entry) => entry !== undefined,
    );
    const nest = await eventually(
      () => completed(nestId),
      (entry) => entry !== undefined,
    );
    expect(fast).toMatchObject({
      requestId: fastId,
      req: { id: fastId, method: 'GET', url: `${records()}/${recordId}` },
      res: { statusCode: 200 },
    });
    expect(Object.keys(fast!).sort()).toEqual(Object.keys(nest!).sort());
  });

  it('records the fast reads in the HTTP metrics under their route pattern', async () => {
    const series =
      'strata_http_request_duration_seconds_count{method="GET",' +
      'route="/api/tenants/:tenant/tables/:table/records/:id",status_code="404"}';
    const count = async () => {
      const line = (await t.http.get('/metrics')).text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? 0 : Number(line.slice(series.length + 1));
    };
    const before = await count();
    for (let i = 0; i < 3; i++) await t.http.get(`${records()}/${UNKNOWN_ID}`, { token: viewer.token });
    expect(await count()).toBe(before + 3);
  });
});
