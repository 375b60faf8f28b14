import { Client } from 'pg';

export const BENCH_TENANT = 'bench';
const SEEDED_USERS = 48;

async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const login = async (base: string, email: string, password: string) =>
  (await call(base, 'POST', '/api/auth/login', { email, password })).accessToken as string;

export interface Seeded {
  /** A superadmin's access token (GET /api/users is superadmin-only). */
  adminToken: string;
  /** A viewer of the bench tenant: the tenant route resolves a real membership. */
  viewerToken: string;
}

/**
 * Seeds through the API what needs its rules (a tenant with its schema, a member with a
 * password), and plain rows through SQL for the rest (users enough to fill a page).
 */
export async function seed(base: string, databaseUrl: string, admin: { email: string; password: string }) {
  const adminToken = await login(base, admin.email, admin.password);
  await call(base, 'POST', '/api/tenants', { name: 'Bench', slug: BENCH_TENANT }, adminToken);
  const viewer = { username: 'viewer', email: 'viewer@bench.local', password: 'viewer-password-1' };
  await call(base, 'POST', '/api/users', viewer, adminToken);
  await call(base, 'POST', `/api/tenants/${BENCH_TENANT}/members`, { email: viewer.email, role: 'viewer' }, adminToken);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO users (username, email, password_hash, first_name, last_name)
       SELECT 'user' || g, 'user' || g || '@bench.local', 'not-a-hash', 'First ' || g, 'Last ' || g
         FROM generate_series(1, $1::int) g`,
      [SEEDED_USERS],
    );
  } finally {
    await client.end();
  }
  return { adminToken, viewerToken: await login(base, viewer.email, viewer.password) } satisfies Seeded;
}
