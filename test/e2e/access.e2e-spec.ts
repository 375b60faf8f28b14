import { PolicedRoute, RouteAccessPolicies } from '@app/core';
import { randomUUID } from 'node:crypto';
import { addMember, createTenant, deleteTenant, TenantRoleName } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { HttpResponse } from '../utils/http-client';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const ROLES: TenantRoleName[] = ['admin', 'editor', 'viewer', 'auditor'];

/**
 * Every route the running app serves, as Nest discovered it with its declared access policy, is
 * called as each kind of caller. Requests are built to change nothing once past the guards:
 * ids are random (they miss), and bodies and query strings carry a property no DTO declares,
 * which the validation pipe refuses (400) after the guards have run.
 */
const PROBE = { __probe: true };

const namesTenant = (route: PolicedRoute) => /\/:tenant(\/|$)/.test(route.path);

function urlFor(route: PolicedRoute, slug: string): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => (name === 'tenant' ? slug : randomUUID()));
  return route.method === 'GET' ? path : `${path}?__probe=1`;
}

type Outcome = 'allowed' | 401 | 403 | 404;

/** What the guards answered: their refusals have fixed codes; anything else means the route ran. */
function outcomeOf(res: HttpResponse): Outcome | string {
  if (res.status === 401 && /^(UNAUTHORIZED|INVALID_TOKEN)$/.test(res.body.code)) return 401;
  if (res.status === 403 && res.body.code === 'FORBIDDEN') return 403;
  if (res.status === 404 && res.body.code === 'TENANT_NOT_FOUND') return 404;
  if (res.status >= 500 || [401, 403].includes(res.status)) return `unexpected ${res.status} ${res.text}`;
  return 'allowed';
}

function expectedFor(route: PolicedRoute, role: TenantRoleName | 'plain' | 'superadmin'): Outcome {
  const policy = route.policy;
  if (role === 'superadmin' || policy.kind === 'public' || policy.kind === 'authenticated') return 'allowed';
  if (role === 'plain') return namesTenant(route) ? 404 : 403;
  if (policy.kind === 'superadmin') return 403;
  return (policy.roles as readonly string[]).includes(role) ? 'allowed' : 403;
}

describe('access policy of every route', () => {
  let t: TestApp;
  let routes: readonly PolicedRoute[];
  let superadmin: string;
  let plain: string;
  let outsider: string;
  const tokens: Partial<Record<TenantRoleName, string>> = {};
  let slug: string;
  let otherSlug: string;

  async function memberToken(tenant: string, role: TenantRoleName): Promise<string> {
    const user = await createUser(t, superadmin);
    await addMember(t, superadmin, tenant, user.email, role);
    return (await login(t, user.email, user.password)).accessToken;
  }

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await t.adminToken();
    routes = t.app.get(RouteAccessPolicies).routes();
    slug = (await createTenant(t, superadmin)).slug;
    otherSlug = (await createTenant(t, superadmin)).slug;
    for (const role of ROLES) tokens[role] = await memberToken(slug, role);
    outsider = await memberToken(otherSlug, 'admin');
    const user = await createUser(t, superadmin);
    plain = (await login(t, user.email, user.password)).accessToken;
  });

  afterAll(async () => {
    for (const s of [slug, otherSlug]) await deleteTenant(t, superadmin, s);
    await t.close();
  });

  const call = (route: PolicedRoute, token?: string, tenant = slug) =>
    t.http.request(route.method, urlFor(route, tenant), {
      token,
      body: route.method === 'GET' || route.method === 'DELETE' ? undefined : PROBE,
    });

  /** Calls every route as `token` and returns the routes whose outcome differs from `expected`. */
  async function mismatches(
    token: string | undefined,
    expected: (route: PolicedRoute) => Outcome | undefined,
    tenant = slug,
  ): Promise<string[]> {
    const found: string[] = [];
    for (const route of routes) {
      const want = expected(route);
      if (want === undefined) continue;
      const got = outcomeOf(await call(route, token, tenant));
      if (got !== want) found.push(`${route.method} ${route.path} (${route.policy.kind}): ${got}, expected ${want}`);
    }
    return found;
  }

  it('takes the routes from the running app, and each is in the Fastify route table', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const route of routes) {
      expect([route.method, route.path, fastify.hasRoute({ method: route.method, url: route.path })]).toEqual([
        route.method,
        route.path,
        true,
      ]);
    }
    const kinds = new Set(routes.map((route) => route.policy.kind));
    expect([...kinds].sort()).toEqual(['authenticated', 'public', 'superadmin', 'tenant']);
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['DELETE /api/tenants/:tenant', 'GET /api/tenants/:tenant/members', 'GET /health']),
    );
  });

  it('refuses every non-public route without a token (401) and opens the public ones', async () => {
    expect(await mismatches(undefined, (route) => (route.policy.kind === 'public' ? 'allowed' : 401))).toEqual([]);
  });

  it('refuses a forged token on every non-public route (401)', async () => {
    const forged = `${superadmin.slice(0, -4)}AAAA`;
    expect(await mismatches(forged, (route) => (route.policy.kind === 'public' ? undefined : 401))).toEqual([]);
  });

  it('hides the tenant from a member of another tenant on every :tenant route (404)', async () => {
    expect(await mismatches(outsider, (route) => (namesTenant(route) ? 404 : undefined))).toEqual([]);
  });

  it('is the same 404 for a tenant that does not exist, even to a superadmin', async () => {
    const missing = `no_such_${uniqueSuffix()}`;
    expect(await mismatches(superadmin, (route) => (namesTenant(route) ? 404 : undefined), missing)).toEqual([]);
  });

  it('refuses superadmin routes to a user without memberships (403) and lets them use the rest they may', async () => {
    expect(await mismatches(plain, (route) => expectedFor(route, 'plain'))).toEqual([]);
  });

  it.each(ROLES)('answers a tenant %s as each route declares', async (role) => {
    expect(await mismatches(tokens[role], (route) => expectedFor(route, role))).toEqual([]);
  });

  it('lets a superadmin through every route', async () => {
    expect(await mismatches(superadmin, (route) => expectedFor(route, 'superadmin'))).toEqual([]);
  });
});
