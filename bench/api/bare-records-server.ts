import Fastify, { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import type { BareStatements } from './records-statements';

/**
 * The near-limit of `npm run bench:api`: Fastify and pg with nothing in between, answering the
 * records routes the bench loads with exactly the SQL Strata runs (BARE_STATEMENTS, taken from
 * Strata's compiler by the bench) and the same JSON, prepared (named) statements, no
 * authentication, validation, audit or logging. Run as its own process.
 *
 * - GET  /api/tenants/:tenant/tables/:table/records?filter[account][eq]=&sort=&page=&pageSize=
 * - GET  /api/tenants/:tenant/tables/:table/records/:id
 * - POST /api/tenants/:tenant/tables/:table/records: the INSERT and its history row in one transaction
 */
const statements = JSON.parse(process.env.BARE_STATEMENTS ?? '{}') as BareStatements;
const actorId = process.env.BARE_ACTOR_ID ?? null;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });

type ListRequest = FastifyRequest<{ Querystring: Record<string, string | undefined> }>;

function pageLink(request: ListRequest, page: number): string {
  const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
  url.searchParams.set('page', String(page));
  return url.toString();
}

app.get('/health', async () => ({ status: 'ok' }));

app.get('/api/tenants/:tenant/tables/:table/records', async (request: ListRequest) => {
  const account = Number(request.query['filter[account][eq]']);
  const page = Number(request.query.page ?? 1);
  const pageSize = Number(request.query.pageSize ?? 20);
  const [listed, counted] = await Promise.all([
    pool.query({
      name: 'list_rows',
      text: statements.listRows,
      values: [account, pageSize + 1, (page - 1) * pageSize],
    }),
    pool.query<{ count: string }>({ name: 'list_count', text: statements.listCount, values: [account] }),
  ]);
  const hasMore = listed.rows.length > pageSize;
  return {
    count: Number(counted.rows[0].count),
    next: hasMore ? pageLink(request, page + 1) : null,
    previous: page > 1 ? pageLink(request, page - 1) : null,
    results: hasMore ? listed.rows.slice(0, pageSize) : listed.rows,
  };
});

app.get<{ Params: { id: string } }>('/api/tenants/:tenant/tables/:table/records/:id', async (request, reply) => {
  const { rows } = await pool.query({ name: 'get_by_id', text: statements.getById, values: [request.params.id] });
  if (!rows[0]) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such record' });
  return rows[0];
});

app.post<{ Body: Record<string, unknown> }>('/api/tenants/:tenant/tables/:table/records', async (request, reply) => {
  const body = request.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query({
      name: 'insert',
      text: statements.insert,
      values: [actorId, actorId, ...statements.insertColumns.map((column) => [body[column] ?? null])],
    });
    const record = inserted.rows[0] as Record<string, unknown>;
    await client.query({
      name: 'history',
      text: statements.history,
      values: [
        statements.tableId,
        statements.tableId,
        statements.tableId,
        actorId,
        statements.schemaVersion,
        [record.id],
        ['create'],
        [null],
        [JSON.stringify(record)],
      ],
    });
    await client.query('COMMIT');
    return reply.code(201).send(record);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

app
  .listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
  .then(() => console.log(`listening ${(app.server.address() as { port: number }).port}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

process.on('SIGTERM', () => {
  void app.close().then(() => pool.end());
});
