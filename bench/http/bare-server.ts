import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The baseline of `npm run bench:http`: Fastify and pg with nothing in between, answering the two
 * benchmarked routes with the same SQL and the same JSON as Strata, without authentication,
 * validation, logging or an ORM. Statements are prepared (named), as Strata's are. Run as its own
 * process; prints `listening <port>` when ready.
 */
interface UserRow {
  id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string;
  address: string;
  is_active: boolean;
  is_superadmin: boolean;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

interface TenantRow {
  id: string;
  name: string;
  slug: string;
  description: string;
  schema_name: string;
  created_at: Date;
  updated_at: Date;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });

const toUser = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  email: u.email,
  firstName: u.first_name,
  lastName: u.last_name,
  phone: u.phone,
  address: u.address,
  isActive: u.is_active,
  isSuperadmin: u.is_superadmin,
  createdAt: u.created_at.toISOString(),
  updatedAt: u.updated_at.toISOString(),
  lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
});

app.get<{ Querystring: { page?: string; pageSize?: string } }>('/api/users', async (request) => {
  const page = Math.max(1, Number(request.query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Number(request.query.pageSize ?? 20)));
  // Side by side, as Strata runs them.
  const [listed, counted] = await Promise.all([
    pool.query<UserRow>({
      name: 'users_page',
      text: 'SELECT * FROM users ORDER BY created_at ASC NULLS LAST, id ASC LIMIT $1 OFFSET $2',
      values: [pageSize, (page - 1) * pageSize],
    }),
    pool.query<{ count: number }>({ name: 'users_count', text: 'SELECT count(*)::int AS count FROM users' }),
  ]);
  const count = counted.rows[0].count;
  const lastPage = Math.max(1, Math.ceil(count / pageSize));
  const link = (n: number) => {
    const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  return {
    count,
    next: page < lastPage ? link(page + 1) : null,
    previous: page > 1 ? link(Math.min(page - 1, lastPage)) : null,
    results: listed.rows.map(toUser),
  };
});

app.get<{ Params: { tenant: string } }>('/api/tenants/:tenant', async (request, reply) => {
  const { rows } = await pool.query<TenantRow>({
    name: 'tenant_by_slug',
    text: 'SELECT * FROM tenants WHERE slug = $1',
    values: [request.params.tenant],
  });
  const t = rows[0];
  if (!t) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'Tenant not found' });
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    description: t.description,
    schemaName: t.schema_name,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
});

app
  .listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
  .then(() => {
    const address = app.server.address() as { port: number };
    console.log(`listening ${address.port}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

process.on('SIGTERM', () => {
  void app.close().then(() => pool.end());
});
