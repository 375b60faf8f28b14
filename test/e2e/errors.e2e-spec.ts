import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const ERROR_KEYS = ['statusCode', 'error', 'code', 'message', 'requestId'];

describe('error responses', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });

  afterAll(() => t.close());

  function expectErrorShape(res: { status: number; body: any; headers: Headers }, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(ERROR_KEYS));
    expect(res.body.statusCode).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+|SELECT |INSERT |QueryFailedError/);
  }

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await t.http.get('/api/no/such/route', { token: admin });
    expectErrorShape(res, 404, 'ROUTE_NOT_FOUND');
    expect(res.body.error).toBe('Not Found');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.http.request('POST', '/api/auth/login', {
      rawBody: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expectErrorShape(res, 400, 'MALFORMED_REQUEST');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.http.request('POST', '/api/auth/login', {
      rawBody: '<login><email>a</email></login>',
      headers: { 'content-type': 'application/xml' },
    });
    expectErrorShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['text/plain', (slug: string) => JSON.stringify({ name: 'Acme', slug })],
    ['application/x-www-form-urlencoded', (slug: string) => JSON.stringify({ name: 'Acme', slug })],
    ['', (slug: string) => `name=Acme&slug=${slug}`],
  ])('answers a %j body on a JSON route with 415, not a field list', async (contentType, bodyFor) => {
    const slug = `media_${uniqueSuffix()}`;
    const res = await t.http.request('POST', '/api/tenants', {
      token: admin,
      rawBody: bodyFor(slug),
      headers: contentType ? { 'content-type': contentType } : {},
    });
    expectErrorShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.message).toContain('application/json');
    expect(res.body.details).toBeUndefined();
    expect(await t.db.query('SELECT id FROM tenants WHERE slug = $1', [slug])).toEqual([]);
  });

  it('accepts a JSON content type with an empty body on a route that takes no body', async () => {
    const suffix = uniqueSuffix();
    const created = await t.http.post(
      '/api/users',
      { username: `empty_${suffix}`, email: `empty-${suffix}@example.com`, password: 'a-good-password' },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const res = await t.http.request('DELETE', `/api/users/${created.body.id}`, {
      token: admin,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(204);
  });

  it('reads an empty JSON body on logout as no body: the missing field is named, not the empty body', async () => {
    const res = await t.http.request('POST', '/api/auth/logout', {
      token: admin,
      rawBody: '',
      headers: { 'content-type': 'application/json' },
    });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['refreshToken']));
  });

  it.each([
    ['DELETE', '/api/users', 'GET, HEAD, POST'],
    ['POST', '/api/users/00000000-0000-4000-8000-000000000000', 'DELETE, GET, HEAD, PATCH, PUT'],
    ['PUT', '/api/tenants/acme/members', 'GET, HEAD, POST'],
    ['POST', '/health', 'GET, HEAD'],
    ['GET', '/api/auth/login', 'POST'],
    ['POST', '/api/audit/keys', 'GET, HEAD'],
  ])('answers %s on the known path %s with 405 and Allow', async (method, path, allow) => {
    const res = await t.http.request(method, path, { token: admin });
    expectErrorShape(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.body.error).toBe('Method Not Allowed');
    expect(res.headers.get('allow')).toBe(allow);
  });

  it('still answers an unknown path with 404 whatever the method', async () => {
    const res = await t.http.request('DELETE', '/api/users/1/nothing', { token: admin });
    expectErrorShape(res, 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a URL that cannot be decoded with 400 in the error shape', async () => {
    const res = await t.http.get('/health%');
    expectErrorShape(res, 400, 'MALFORMED_REQUEST');
  });

  it.each(['abc', '1.5', '-3', '20abc'])('refuses pageSize=%s with one clear message', async (value) => {
    const res = await t.http.get(`/api/users?pageSize=${value}`, { token: admin });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'pageSize', message: 'must be a whole number from 1 to 1000' }]);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await t.http.request('POST', '/api/auth/login', {
      rawBody: JSON.stringify({ email: 'x'.repeat(11 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectErrorShape(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it("answers a non-JSON body over a route's own limit with 413, before its type is judged", async () => {
    const res = await t.http.request('POST', '/api/auth/login', {
      rawBody: 'x'.repeat(17 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expectErrorShape(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a small non-JSON body on a body-limited route with 415', async () => {
    const res = await t.http.request('POST', '/api/auth/login', {
      rawBody: 'email=a@example.com&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectErrorShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('names each invalid field in details', async () => {
    const res = await t.http.post(
      '/api/users',
      { username: 'x', email: 'not-an-email', password: 'short' },
      { token: admin },
    );
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    const fields = (res.body.details as Array<{ field: string; message: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'email', 'password']));
  });

  it('refuses unknown properties by name', async () => {
    const res = await t.http.post('/api/tenants', { name: 'X', slug: 'xyz_abc', owner: 'me' }, { token: admin });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'owner' })]));
  });

  it('refuses a page size above 1000', async () => {
    const res = await t.http.get('/api/users?pageSize=1001', { token: admin });
    expectErrorShape(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details[0].field).toBe('pageSize');
  });

  it('keeps the request id the client sent', async () => {
    const res = await t.http.get('/api/no/such/route', {
      token: admin,
      headers: { 'x-request-id': 'client-chosen-id-1' },
    });
    expect(res.headers.get('x-request-id')).toBe('client-chosen-id-1');
    expect(res.body.requestId).toBe('client-chosen-id-1');
  });

  it('replaces a request id that is not safe to log', async () => {
    const res = await t.http.get('/api/no/such/route', {
      token: admin,
      headers: { 'x-request-id': 'bad id <script>' },
    });
    expect(res.body.requestId).not.toBe('bad id <script>');
    expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a path parameter that is no tenant slug with 404 TENANT_NOT_FOUND', async () => {
    const res = await t.http.get(`/api/tenants/${encodeURIComponent("x'; DROP TABLE users; --")}`, { token: admin });
    expectErrorShape(res, 404, 'TENANT_NOT_FOUND');
  });

  it('sends hostile search text to SQL as a value: quotes, comment marks and LIKE wildcards match only themselves', async () => {
    // Spliced into the statement, this text breaks it (a 500) or changes it; unescaped, `%` and `_`
    // match every user. As a parameter with escaped wildcards it finds exactly its own user.
    const marker = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const hostile = `O'Brien'); DROP TABLE users; -- %_\\ ${marker}`;
    const username = `hostile_${marker}`;
    const created = await t.http.post(
      '/api/users',
      { username, email: `${username}@example.test`, password: 'password-123', lastName: hostile },
      { token: admin },
    );
    expect(created.status).toBe(201);

    const exact = await t.http.get(`/api/users?search=${encodeURIComponent(hostile)}`, { token: admin });
    expect(exact.status).toBe(200);
    expect(exact.body.results.map((u: { id: string }) => u.id)).toEqual([created.body.id]);

    const wildcards = await t.http.get(`/api/users?search=${encodeURIComponent('%_\\')}&pageSize=100`, {
      token: admin,
    });
    expect(wildcards.status).toBe(200);
    expect(wildcards.body.results.length).toBeGreaterThanOrEqual(1);
    for (const user of wildcards.body.results as Array<{ lastName: string }>) expect(user.lastName).toContain('%_\\');
  });

  describe('strings PostgreSQL cannot store', () => {
    const fieldsOf = (res: { body: any }) => (res.body.details as Array<{ field: string }>).map((d) => d.field);

    it('refuses a NUL byte in a body field with 400 naming it, before anything is stored', async () => {
      const username = `nul_${Date.now().toString(36)}`;
      const res = await t.http.post(
        '/api/users',
        { username, email: `${username}@example.test`, password: 'password-123', firstName: 'Ada\u0000' },
        { token: admin },
      );
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['firstName']);
      const rows = await t.db.query('SELECT 1 FROM users WHERE username = $1', [username]);
      expect(rows).toHaveLength(0);
    });

    it('names the path of a nested field', async () => {
      const res = await t.http.post(
        '/api/users/notify',
        { subject: 'Hello', text: 'Hi', filter: { search: 'x\u0000' } },
        { token: admin },
      );
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['filter.search']);
    });

    it('refuses a lone surrogate, which PostgreSQL refuses in JSON', async () => {
      const res = await t.http.post('/api/users/notify', { subject: 'Hello \ud800', text: 'Hi' }, { token: admin });
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['subject']);
    });

    it('refuses a NUL byte in the query string and in a path parameter', async () => {
      const query = await t.http.get('/api/users?search=a%00b', { token: admin });
      expectErrorShape(query, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(query)).toEqual(['search']);
      const param = await t.http.get('/api/users/a%00b', { token: admin });
      expectErrorShape(param, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(param)).toEqual(['id']);
    });
  });
});
