import { TenantOpenApiDocuments } from '@app/dataschema';
import { gunzipSync } from 'node:zlib';
import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { injectRequest, QueryRecorder } from '../utils/query-recorder';
import { startTestApp, TestApp } from '../utils/test-app';

const TABLES = 40;
const VERSIONS = 10;

const tableName = (i: number) => `items_${String(i + 1).padStart(3, '0')}`;
const table = (i: number) => ({
  name: tableName(i),
  columns: [
    { name: 'title', type: 'string', required: true },
    { name: 'status', type: 'enum', values: ['draft', 'active'] },
    { name: 'amount', type: 'decimal', precision: 12, scale: 2 },
    ...(i > 0 ? [{ name: 'parent', type: 'reference', references: tableName(i - 1), onDelete: 'setNull' }] : []),
  ],
  indexes: [{ columns: ['status'] }],
});

/** The column each item of a query's select list reads (`operation_summaries AS operations` reads `operation_summaries`). */
const selectedColumns = (query: string) =>
  (/SELECT\s+([\s\S]*?)\s+FROM/i.exec(query)?.[1] ?? '').split(',').map((item) => item.trim().split(/\s+/)[0]);

interface Probe {
  slug: string;
  lastTable: string;
  plan: unknown;
}

/**
 * The schema reads and the plan route cost the same number of queries for a tenant of 40 tables in
 * 10 versions as for one of 1 table in 1 version, and none of them reads whole version rows: what
 * grows with the schema is the size of an answer, never the work per request. Requests go through
 * Fastify's `inject`, so that only their own queries are counted.
 */
describe('schema reads and plans as the schema grows', () => {
  let t: TestApp;
  let token: string;
  let recorder: QueryRecorder;
  let small: Probe;
  let large: Probe;

  async function provision(tables: number, versions: number): Promise<Probe> {
    const { slug } = await createTenant(t, token);
    for (let v = 1; v <= versions; v++) {
      const definition = { tables: Array.from({ length: Math.ceil((tables * v) / versions) }, (_, i) => table(i)) };
      const res = await t.http.put(`/api/tenants/${slug}/schema`, { definition, expectedVersion: v - 1 }, { token });
      expect(res.status).toBe(200);
    }
    const current = (await t.http.get(`/api/tenants/${slug}/schema`, { token })).body.definition;
    current.tables[current.tables.length - 1].columns.push({ name: 'added', type: 'integer' });
    return { slug, lastTable: tableName(tables - 1), plan: { definition: current } };
  }

  const inject = (method: 'GET' | 'POST', url: string, options: { payload?: unknown; headers?: object } = {}) =>
    injectRequest(t.app, {
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...options.headers },
      ...(options.payload !== undefined && { payload: options.payload as object }),
    });

  const routes = (p: Probe) => ({
    tables: () => inject('GET', `/api/tenants/${p.slug}/tables`),
    table: () => inject('GET', `/api/tenants/${p.slug}/tables/${p.lastTable}`),
    versions: () => inject('GET', `/api/tenants/${p.slug}/schema/versions`),
    openapi: () => inject('GET', `/api/tenants/${p.slug}/openapi.json`),
    plan: () => inject('POST', `/api/tenants/${p.slug}/schema/plan`, { payload: p.plan }),
  });

  /** The queries of one warm request (the first one fills the caches). */
  async function queriesOf(request: () => ReturnType<typeof inject>): Promise<string[]> {
    expect((await request()).statusCode).toBe(200);
    const { result, queries } = await recorder.record(() => request());
    expect(result.statusCode).toBe(200);
    return queries;
  }

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    recorder = new QueryRecorder(t.db);
    small = await provision(1, 1);
    large = await provision(TABLES, VERSIONS);
  });

  afterAll(async () => {
    for (const p of [small, large]) if (p) await deleteTenant(t, token, p.slug);
    await t.close();
  });

  it.each(['tables', 'table', 'versions', 'openapi', 'plan'] as const)(
    '%s: as many queries with 40 tables in 10 versions as with 1 table',
    async (route) => {
      const one = await queriesOf(routes(small)[route]);
      const many = await queriesOf(routes(large)[route]);
      expect(many).toHaveLength(one.length);
    },
  );

  it('answers the table reads and the OpenAPI document from the cached definition, without a query', async () => {
    for (const route of ['tables', 'table', 'openapi'] as const) {
      expect({ route, queries: await queriesOf(routes(large)[route]) }).toEqual({ route, queries: [] });
    }
  });

  it('lists versions without reading definitions, SQL or operations', async () => {
    const queries = await queriesOf(routes(large).versions);
    const versionReads = queries.filter((q) => /schema_versions/.test(q));
    expect(versionReads).toHaveLength(2);
    const heavy = ['*', 'definition', 'operations', 'up_sql', 'down_sql'];
    for (const q of versionReads) expect(selectedColumns(q).filter((c) => heavy.includes(c))).toEqual([]);
    const page = await routes(large).versions();
    expect(page.json().count).toBe(VERSIONS);
    expect(page.json().results[0].operations).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'createTable', table: tableName(TABLES - 1) })]),
    );
  });

  it('plans against the cached definition: no version row is read', async () => {
    const queries = await queriesOf(routes(large).plan);
    expect(queries.filter((q) => /schema_versions/.test(q))).toEqual([]);
    const plan = (await routes(large).plan()).json();
    expect(plan.operations.map((op: { kind: string }) => op.kind)).toEqual(['addColumn']);
  });

  it('renders the OpenAPI document once per version, serves it gzip-compressed and answers 304 to its ETag', async () => {
    const documents = t.app.get(TenantOpenApiDocuments);
    const first = await routes(large).openapi();
    const renderings = documents.renderings;
    for (let i = 0; i < 5; i++) expect((await routes(large).openapi()).statusCode).toBe(200);
    expect(documents.renderings).toBe(renderings);

    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const identity = first.json();
    expect(Object.keys(identity.paths)).toHaveLength(TABLES * 5);

    const gzipped = await inject('GET', `/api/tenants/${large.slug}/openapi.json`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8'))).toEqual(identity);

    const unchanged = await inject('GET', `/api/tenants/${large.slug}/openapi.json`, {
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.rawPayload).toHaveLength(0);

    const grown = await t.http.post(
      `/api/tenants/${large.slug}/tables`,
      { name: 'one_more', columns: [{ name: 'title', type: 'string' }] },
      { token },
    );
    expect(grown.status).toBe(201);
    const changed = await inject('GET', `/api/tenants/${large.slug}/openapi.json`, {
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().paths).toHaveProperty([`/api/tenants/${large.slug}/tables/one_more/records`]);
    expect(documents.renderings).toBe(renderings + 1);
  });
});
