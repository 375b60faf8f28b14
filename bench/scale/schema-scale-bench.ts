import { randomBytes } from 'node:crypto';
import { StrataClient } from '../import/strata-client';
import { measureRoute, RouteResult } from './load-route';
import { fixtureTableName, fixtureTables } from './schema-fixture';
import { ScaleTarget } from './scale-api';

export interface SchemaScaleOptions {
  /** Tables and versions of the large tenant (defaults 200 and 50); the small one has 1 table, 1 version. */
  tables?: number;
  versions?: number;
  seconds?: number;
  warmUpSeconds?: number;
  connections?: number;
  /** Only the routes whose label contains one of these words. */
  only?: string[];
  /** Measurements of each route on each tenant, alternating; the medians are printed (default 3). */
  rounds?: number;
}

export interface SchemaScaleRow {
  route: string;
  small: RouteResult;
  large: RouteResult;
}

interface Provisioned {
  slug: string;
  /** The last table: a lookup by name has the most to skip. */
  lastTable: string;
  /** The active definition (with its ids) plus one new column: what a plan request sends. */
  planBody: string;
  /** The ETag of the tenant's OpenAPI document. */
  openApiEtag: string;
}

interface Api {
  base: string;
  token: string;
  client: StrataClient;
}

interface Definition {
  tables: Array<{ name: string; columns: unknown[] }>;
}

/**
 * Creates a tenant through the API and gives it `tables` tables in `versions` versions (PUT schema,
 * an equal share of new tables each time), as an admin would.
 */
async function provision(api: Api, slug: string, tables: number, versions: number): Promise<Provisioned> {
  const { client } = api;
  await client.call('POST', '/api/tenants', { name: slug, slug });
  const all = fixtureTables(tables);
  for (let v = 1; v <= versions; v++) {
    const upTo = Math.ceil((tables * v) / versions);
    await client.call('PUT', `/api/tenants/${slug}/schema`, {
      definition: { tables: all.slice(0, upTo) },
      expectedVersion: v - 1,
      message: `bench version ${v}`,
    });
  }
  const { definition } = await client.call<{ definition: Definition }>('GET', `/api/tenants/${slug}/schema`);
  const last = definition.tables[definition.tables.length - 1];
  last.columns.push({ name: 'added_by_plan', type: 'string', maxLength: 20 });
  const openApi = await fetch(`${api.base}/api/tenants/${slug}/openapi.json`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  await openApi.arrayBuffer();
  return {
    slug,
    lastTable: fixtureTableName(tables - 1),
    planBody: JSON.stringify({ definition }),
    openApiEtag: openApi.headers.get('etag') ?? '',
  };
}

interface RouteCase {
  route: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Fewer connections than the run's: a 13 MiB answer to 32 clients at once measures memory, not the route. */
  connections?: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The median of each figure over several measurements of one route. */
const medianResult = (results: RouteResult[]): RouteResult => ({
  requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  bytesPerResponse: median(results.map((r) => r.bytesPerResponse)),
  failures: results.reduce((sum, r) => sum + r.failures, 0),
});

const routes = (t: Provisioned): RouteCase[] => [
  { route: 'GET tables (list, first page)', path: `/api/tenants/${t.slug}/tables` },
  { route: 'GET tables?pageSize=1', path: `/api/tenants/${t.slug}/tables?pageSize=1` },
  { route: 'GET tables/:table', path: `/api/tenants/${t.slug}/tables/${t.lastTable}` },
  { route: 'GET schema/versions (first page)', path: `/api/tenants/${t.slug}/schema/versions` },
  { route: 'GET schema/versions?pageSize=1', path: `/api/tenants/${t.slug}/schema/versions?pageSize=1` },
  { route: 'GET openapi.json (identity, 4 connections)', path: `/api/tenants/${t.slug}/openapi.json`, connections: 4 },
  {
    route: 'GET openapi.json (gzip)',
    path: `/api/tenants/${t.slug}/openapi.json`,
    headers: { 'accept-encoding': 'gzip' },
  },
  {
    route: 'GET openapi.json (If-None-Match: 304)',
    path: `/api/tenants/${t.slug}/openapi.json`,
    headers: { 'if-none-match': t.openApiEtag },
  },
  { route: 'POST schema/plan (one column added)', path: `/api/tenants/${t.slug}/schema/plan`, body: t.planBody },
];

/**
 * Item 4 of the performance issue: one tenant with 1 table and one with 200 tables in 50 versions,
 * both provisioned through the API; the schema reads and the plan route loaded with autocannon on
 * each, printed side by side with the ratios. Both tenants are deleted at the end.
 */
export async function runSchemaScaleBench(
  target: ScaleTarget,
  options: SchemaScaleOptions = {},
): Promise<SchemaScaleRow[]> {
  const tables = options.tables ?? 200;
  const versions = options.versions ?? 50;
  const load = {
    seconds: options.seconds ?? 3,
    connections: options.connections ?? 32,
  };
  const warmUp = options.warmUpSeconds ?? 2;
  const rounds = options.rounds ?? 3;
  const token = await target.adminToken();
  const client = new StrataClient(target.base, token);
  const suffix = randomBytes(3).toString('hex');
  const slugs = [`scale_one_${suffix}`, `scale_many_${suffix}`];
  try {
    const started = process.hrtime.bigint();
    const api = { base: target.base, token, client };
    const small = await provision(api, slugs[0], 1, 1);
    const large = await provision(api, slugs[1], tables, versions);
    const provisionSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `provisioned 1 table in 1 version and ${tables} tables in ${versions} versions in ${provisionSeconds.toFixed(1)} s`,
    );

    const rows: SchemaScaleRow[] = [];
    const [smallRoutes, largeRoutes] = [routes(small), routes(large)];
    for (let i = 0; i < smallRoutes.length; i++) {
      if (options.only && !options.only.some((word) => smallRoutes[i].route.includes(word))) continue;
      const measure = ({ path, body, headers, connections }: RouteCase, round: number) =>
        measureRoute(
          {
            url: `${target.base}${path}`,
            token,
            method: body ? 'POST' : 'GET',
            body,
            headers,
            ...load,
            connections: connections ?? load.connections,
          },
          round === 0 ? warmUp : 0,
        );
      // Alternating the two tenants spreads the load of a shared machine over both.
      const small: RouteResult[] = [];
      const large: RouteResult[] = [];
      for (let round = 0; round < rounds; round++) {
        small.push(await measure(smallRoutes[i], round));
        large.push(await measure(largeRoutes[i], round));
      }
      rows.push({ route: smallRoutes[i].route, small: medianResult(small), large: medianResult(large) });
    }
    printSchemaScale(rows, tables, versions, { ...load, rounds });
    return rows;
  } finally {
    for (const slug of slugs) {
      await client.call('DELETE', `/api/tenants/${slug}?confirm=${slug}`).catch(() => undefined);
    }
  }
}

function printSchemaScale(
  rows: SchemaScaleRow[],
  tables: number,
  versions: number,
  load: { seconds: number; connections: number; rounds: number },
): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const size = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes.toFixed(0)} B`);
  console.log(`\nschema scale: 1 table / 1 version against ${tables} tables / ${versions} versions`);
  console.log(
    `concurrency ${load.connections} unless noted, median of ${load.rounds} measurements of ${load.seconds} s, alternating`,
  );
  console.log(
    'route | 1 table req/s | p50 | p99 | size | many req/s | p50 | p99 | size | req/s many/one | p50 many/one',
  );
  for (const { route, small, large } of rows) {
    console.log(
      [
        route,
        small.requestsPerSecond.toFixed(0),
        ms(small.p50),
        ms(small.p99),
        size(small.bytesPerResponse),
        large.requestsPerSecond.toFixed(0),
        ms(large.p50),
        ms(large.p99),
        size(large.bytesPerResponse),
        (large.requestsPerSecond / small.requestsPerSecond).toFixed(2),
        (large.p50 / Math.max(small.p50, 0.5)).toFixed(2),
      ].join(' | '),
    );
    if (small.failures + large.failures > 0) {
      console.log(`  ! failed responses: 1 table ${small.failures}, many ${large.failures}`);
    }
  }
}
