import { randomUUID } from 'node:crypto';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

type Role = 'admin' | 'editor' | 'viewer' | 'auditor';
const ROLES: Role[] = ['admin', 'editor', 'viewer', 'auditor'];

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (slug: string) => string;
  body?: unknown;
  /** Roles that get past the guards; their requests are built to change nothing (they fail validation or miss). */
  allowed: Role[];
  allowedStatus: number;
}

const someone = randomUUID();
const ROUTES: RouteCase[] = [
  { name: 'read tenant', method: 'GET', path: (s) => `/api/tenants/${s}`, allowed: ROLES, allowedStatus: 200 },
  {
    name: 'update tenant',
    method: 'PATCH',
    path: (s) => `/api/tenants/${s}`,
    body: { name: '' },
    allowed: ['admin'],
    allowedStatus: 400,
  },
  { name: 'delete tenant', method: 'DELETE', path: (s) => `/api/tenants/${s}`, allowed: [], allowedStatus: 400 },
  {
    name: 'list members',
    method: 'GET',
    path: (s) => `/api/tenants/${s}/members`,
    allowed: ['admin'],
    allowedStatus: 200,
  },
  {
    name: 'add member',
    method: 'POST',
    path: (s) => `/api/tenants/${s}/members`,
    body: {},
    allowed: ['admin'],
    allowedStatus: 400,
  },
  {
    name: 'change member',
    method: 'PATCH',
    path: (s) => `/api/tenants/${s}/members/${someone}`,
    body: { role: 'owner' },
    allowed: ['admin'],
    allowedStatus: 400,
  },
  {
    name: 'remove member',
    method: 'DELETE',
    path: (s) => `/api/tenants/${s}/members/${someone}`,
    allowed: ['admin'],
    allowedStatus: 404,
  },
  {
    name: 'read audit',
    method: 'GET',
    path: (s) => `/api/tenants/${s}/audit`,
    allowed: ['admin', 'auditor'],
    allowedStatus: 200,
  },
  {
    name: 'export audit',
    method: 'GET',
    path: (s) => `/api/tenants/${s}/audit/export`,
    allowed: ['admin', 'auditor'],
    allowedStatus: 200,
  },
  {
    name: 'verify audit',
    method: 'GET',
    path: (s) => `/api/tenants/${s}/audit/verify`,
    allowed: ['admin', 'auditor'],
    allowedStatus: 200,
  },
];

describe('tenant isolation and roles', () => {
  let t: TestApp;
  let admin: string;
  const slugA = `acc_a_${uniqueSuffix()}`;
  const slugB = `acc_b_${uniqueSuffix()}`;
  const tokensA: Partial<Record<Role, string>> = {};
  const tokensB: Partial<Record<Role, string>> = {};

  async function memberOf(slug: string, role: Role): Promise<string> {
    const user = await createUser(t, admin);
    const res = await t.http.post(`/api/tenants/${slug}/members`, { email: user.email, role }, { token: admin });
    expect(res.status).toBe(201);
    return (await login(t, user.email, user.password)).accessToken;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    for (const slug of [slugA, slugB]) {
      expect((await t.http.post('/api/tenants', { name: slug, slug }, { token: admin })).status).toBe(201);
    }
    for (const role of ROLES) {
      tokensA[role] = await memberOf(slugA, role);
      tokensB[role] = await memberOf(slugB, role);
    }
  });

  afterAll(async () => {
    for (const slug of [slugA, slugB]) await t.http.delete(`/api/tenants/${slug}?confirm=${slug}`, { token: admin });
    await t.close();
  });

  const call = (route: RouteCase, slug: string, token?: string) =>
    t.http.request(route.method, route.path(slug), { token, body: route.body });

  describe.each(ROUTES)('$name ($method)', (route) => {
    it('needs a token', async () => {
      const res = await call(route, slugB);
      expect(res.status).toBe(401);
      expect(res.body.code).toMatch(/UNAUTHORIZED|INVALID_TOKEN/);
    });

    it.each(ROLES)('is a 404 for a %s of another tenant', async (role) => {
      const res = await call(route, slugB, tokensA[role]);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    });

    it.each(ROLES)('answers a %s of the tenant as the contract says', async (role) => {
      const res = await call(route, slugB, tokensB[role]);
      if (route.allowed.includes(role)) {
        expect(res.status).toBe(route.allowedStatus);
        expect(res.body.code).not.toBe('FORBIDDEN');
      } else {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('lets a superadmin through', async () => {
      const res = await call(route, slugB, admin);
      expect(res.status).toBe(route.allowedStatus);
    });
  });

  it('is the same 404 for a tenant that does not exist', async () => {
    const res = await t.http.get(`/api/tenants/no_such_${uniqueSuffix()}`, { token: tokensA.admin });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('TENANT_NOT_FOUND');
  });

  it('lists only the tenants a user belongs to', async () => {
    const res = await t.http.get('/api/tenants?pageSize=1000', { token: tokensA.viewer });
    expect(res.status).toBe(200);
    expect(res.body.results.map((x: { slug: string }) => x.slug)).toEqual([slugA]);
  });

  it.each([
    ['GET', '/api/users'],
    ['POST', '/api/users'],
    ['GET', '/api/users/active_count'],
    ['POST', '/api/tenants'],
    ['GET', '/api/audit'],
  ])('refuses %s %s to a tenant admin (403)', async (method, path) => {
    const res = await t.http.request(method, path, { token: tokensA.admin, body: method === 'POST' ? {} : undefined });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
