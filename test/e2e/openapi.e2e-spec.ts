import { startTestApp, TestApp } from '../utils/test-app';

const CONTRACT_ROUTES: Array<[string, string]> = [
  ['post', '/api/auth/login'],
  ['post', '/api/auth/refresh'],
  ['post', '/api/auth/logout'],
  ['get', '/api/auth/me'],
  ['get', '/api/users'],
  ['post', '/api/users'],
  ['get', '/api/users/{id}'],
  ['put', '/api/users/{id}'],
  ['patch', '/api/users/{id}'],
  ['delete', '/api/users/{id}'],
  ['get', '/api/users/active_count'],
  ['post', '/api/users/notify'],
  ['post', '/api/tenants'],
  ['get', '/api/tenants'],
  ['get', '/api/tenants/{tenant}'],
  ['patch', '/api/tenants/{tenant}'],
  ['delete', '/api/tenants/{tenant}'],
  ['get', '/api/tenants/{tenant}/members'],
  ['post', '/api/tenants/{tenant}/members'],
  ['patch', '/api/tenants/{tenant}/members/{userId}'],
  ['delete', '/api/tenants/{tenant}/members/{userId}'],
  ['get', '/api/tenants/{tenant}/audit'],
  ['get', '/api/tenants/{tenant}/audit/export'],
  ['get', '/api/tenants/{tenant}/audit/verify'],
  ['get', '/api/tenants/{tenant}/audit/anchors'],
  ['get', '/api/audit'],
  ['get', '/api/audit/verify'],
  ['get', '/api/audit/anchors'],
  ['get', '/api/audit/keys'],
];

const PUBLIC_ROUTES = new Set([
  'post /api/auth/login',
  'post /api/auth/refresh',
  'get /api/audit/keys',
  'get /health',
  'get /health/ready',
  'get /metrics',
]);

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: any;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  afterAll(() => t.close());

  it('serves the Swagger UI without a token', async () => {
    const res = await t.http.get('/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('serves the Swagger UI at /docs/ too, with assets that resolve from there', async () => {
    const res = await t.http.get('/docs/');
    expect(res.status).toBe(200);
    const assets = [...res.text.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['swagger-ui-bundle.js', 'swagger-ui-init.js']));
    for (const asset of assets) expect([asset, (await t.http.get(`/docs/${asset}`)).status]).toEqual([asset, 200]);
  });

  it.each(CONTRACT_ROUTES)('documents %s %s', (method, path) => {
    expect(doc.paths[path]?.[method]).toBeDefined();
  });

  it('documents every operation with a summary, a success response and its security', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const name = `${method} ${path}`;
        if (!op.summary) problems.push(`${name}: no summary`);
        if (!Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s))) problems.push(`${name}: no 2xx response`);
        const isPublic = PUBLIC_ROUTES.has(name);
        const bearer = (op.security ?? []).some((s: Record<string, unknown>) => 'bearer' in s);
        if (isPublic === bearer) problems.push(`${name}: security ${JSON.stringify(op.security)}`);
        if (!isPublic && !op.responses['401']) problems.push(`${name}: 401 not documented`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the error shape', () => {
    expect(Object.keys(doc.components.schemas.ErrorResponseDto.properties).sort()).toEqual(
      ['code', 'details', 'error', 'message', 'requestId', 'statusCode'].sort(),
    );
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
