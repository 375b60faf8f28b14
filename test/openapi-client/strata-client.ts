/**
 * A client as an SPA would write it: openapi-fetch typed by what openapi-typescript generates, with its
 * default settings, from `/docs-json` (into ./generated, at test time; see test/e2e/openapi-client.e2e-spec.ts).
 * It calls one route of every tag. Compiling it proves the generated types accept correct calls and
 * refuse wrong ones; running it proves the server agrees with the document.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/strata-api';

export interface Credentials {
  email: string;
  password: string;
}

type StrataClient = Client<paths>;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: no data`);
  return value;
}

/** Calls one route of every tag; returns what each answered, for the test to check. */
export async function callEveryTag(baseUrl: string, admin: Credentials, suffix: string) {
  const anonymous = createClient<paths>({ baseUrl });
  const health = await anonymous.GET('/health');
  const metrics = await anonymous.GET('/metrics', { parseAs: 'text' });

  const login = required((await anonymous.POST('/api/auth/login', { body: admin })).data, 'login');
  const client: StrataClient = createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${login.accessToken}` },
  });
  const me = required((await client.GET('/api/auth/me')).data, 'me');

  // The README's create-user body: no isActive, although the server defaults it.
  const created = await client.POST('/api/users', {
    body: { username: `ada_${suffix}`, email: `ada_${suffix}@example.com`, password: 'a-good-password' },
  });
  const ada = required(created.data, 'create user');
  const cleared = required(
    (await client.PATCH('/api/users/{id}', { params: { path: { id: ada.id } }, body: { phone: null } })).data,
    'patch user',
  );
  const users = required(
    (await client.GET('/api/users', { params: { query: { page: 1, pageSize: 5, search: ada.username } } })).data,
    'list users',
  );

  const slug = `acme_${suffix}`;
  const tenantCreated = await client.POST('/api/tenants', { body: { name: 'Acme', slug, adminEmail: ada.email } });
  const tenant = required(
    (await client.GET('/api/tenants/{tenant}', { params: { path: { tenant: slug } } })).data,
    'get tenant',
  );
  const members = required(
    (await client.GET('/api/tenants/{tenant}/members', { params: { path: { tenant: slug }, query: { pageSize: 10 } } }))
      .data,
    'list members',
  );

  const audit = required(
    (
      await client.GET('/api/tenants/{tenant}/audit', {
        params: { path: { tenant: slug }, query: { ordering: '-seq' } },
      })
    ).data,
    'tenant audit',
  );
  const auditCsv = await client.GET('/api/tenants/{tenant}/audit/export', {
    params: { path: { tenant: slug }, query: { format: 'csv' } },
    parseAs: 'text',
  });
  const platformVerify = required((await client.GET('/api/audit/verify')).data, 'verify');
  const keys = required((await anonymous.GET('/api/audit/keys')).data, 'audit keys');
  const anchors = required(
    (await client.GET('/api/tenants/{tenant}/audit/anchors', { params: { path: { tenant: slug } } })).data,
    'tenant anchors',
  );
  const [anchor] = anchors.results;
  const chainVerify = required(
    (
      await client.GET('/api/audit/chains/{chain}/verify', {
        params: { path: { chain: anchor.chain }, query: { anchorSeq: anchor.seq, anchorHash: anchor.hash } },
      })
    ).data,
    'verify chain',
  );

  return {
    health: health.data,
    metrics: { status: metrics.response.status, text: metrics.data ?? '' },
    me: { email: me.email, isSuperadmin: me.isSuperadmin },
    createdUser: { status: created.response.status, isActive: ada.isActive, phone: cleared.phone },
    users: { count: users.count, usernames: users.results.map((u) => u.username) },
    tenant: { status: tenantCreated.response.status, slug: tenant.slug, schemaName: tenant.schemaName },
    members: members.results.map((m) => ({ email: m.email, role: m.role })),
    audit: audit.results.map((entry) => entry.action),
    auditCsv: { contentType: auditCsv.response.headers.get('content-type'), text: auditCsv.data ?? '' },
    platformVerify,
    auditKeys: keys.results.length,
    chainVerify,
  };
}

/**
 * Never called: wrong calls that must not compile. If the document stops typing a parameter or
 * declaring one, the expected error disappears and the compile step of the test fails.
 */
export function callsThatMustNotCompile(client: StrataClient) {
  // @ts-expect-error page is an integer, not a word
  void client.GET('/api/users', { params: { query: { page: 'first' } } });
  // @ts-expect-error pageSize is an integer, not a string
  void client.GET('/api/tenants', { params: { query: { pageSize: '20' } } });
  // @ts-expect-error a tenant route needs its {tenant} path parameter
  void client.GET('/api/tenants/{tenant}/audit', {});
  // @ts-expect-error the tenant slug is a string
  void client.GET('/api/tenants/{tenant}/members', { params: { path: { tenant: 42 } } });
  // @ts-expect-error email is required to create a user
  void client.POST('/api/users', { body: { username: 'ada', password: 'a-good-password' } });
  const acme = { tenant: 'acme' };
  // @ts-expect-error the export format is csv or ndjson
  void client.GET('/api/tenants/{tenant}/audit/export', { params: { path: acme, query: { format: 'xml' } } });
  const platformChain = { chain: 'platform' };
  // @ts-expect-error a chain is verified up to an anchor's seq, a number
  void client.GET('/api/audit/chains/{chain}/verify', { params: { path: platformChain, query: { anchorSeq: 'x' } } });
  // @ts-expect-error no such route
  void client.GET('/api/tenant/{tenant}', { params: { path: acme } });
}
