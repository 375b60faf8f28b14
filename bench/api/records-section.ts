import type { SchemaDefinition } from '@app/dataschema';
import { StrataClient } from '../import/strata-client';
import { Comparison, compareSides, machine, printComparisons, startBaseline } from '../http/harness';
import type { ApiBenchContext, ApiBenchSection } from './section';
import { ACCOUNTS, ORDERS_TABLE, sampleOrder, seedOrders, someIds } from './orders-table';
import { ourStatements } from './records-statements';

const TENANT = 'bench';
/** BENCH_SCENARIOS=list,get,create (default all): which loads run, e.g. to profile one. */
const WANTED = process.env.BENCH_SCENARIOS?.split(',').map((key) => key.trim());
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RECORDS = `/api/tenants/${TENANT}/tables/orders/records`;
/** The list request: a filter, a sort and a page (count exact, the default). */
const listQuery = (account: number) => ({
  'filter[account][eq]': String(account),
  sort: '-placed_at',
  page: '2',
  pageSize: '20',
});
const listPath = (account: number) => `${RECORDS}?${new URLSearchParams(listQuery(account)).toString()}`;

/** One load of ours against the bare server: GETs over `paths`, or POSTs of `body`. */
interface Scenario extends Omit<Comparison, 'ours' | 'baseline' | 'ratio'> {
  key: string;
  paths?: string[];
  body?: unknown;
}

/** The same JSON from both servers: links name their own origin, created records their own ids and times. */
function sameJson(what: string, ours: unknown, bare: unknown, ignore: string[] = []): void {
  const normalize = (value: unknown) =>
    JSON.stringify(value, (key, v: unknown) => (ignore.includes(key) ? undefined : v)).replace(
      /http:\/\/127\.0\.0\.1:\d+/g,
      'origin',
    );
  if (normalize(ours) !== normalize(bare))
    throw new Error(`${what}: the servers answer differently\nours: ${normalize(ours)}\nbare: ${normalize(bare)}`);
}

async function getJson(url: string, token?: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * Issue 11 items 1-3: a tenant with a table of BENCH_ROWS orders (default 1,000,000), then (a) our
 * list with a filter, a sort and a page, (b) our get by id, (c) the bare server running the same
 * SQL for both, (d) our create on one tenant, (e) the bare server's INSERT plus history row in one
 * transaction. Reads spread over 1,000 accounts and 2,000 ids.
 */
export const recordsSection: ApiBenchSection = {
  name: 'records',
  async run({ run }: ApiBenchContext): Promise<void> {
    const admin = new StrataClient(run.base);
    await admin.login(run.admin.email, run.admin.password);
    const tenant = await admin.call<{ schemaName: string }>('POST', '/api/tenants', { name: 'Bench', slug: TENANT });
    await admin.call('PUT', `/api/tenants/${TENANT}/schema`, {
      definition: { tables: [ORDERS_TABLE] },
      expectedVersion: 0,
    });
    const schema = await admin.call<{ version: number; definition: SchemaDefinition }>(
      'GET',
      `/api/tenants/${TENANT}/schema`,
    );
    // An editor: reads and writes resolve a real membership.
    const editor = { username: 'editor', email: 'editor@bench.local', password: 'editor-password-1' };
    const { id: editorId } = await admin.call<{ id: string }>('POST', '/api/users', editor);
    await admin.call('POST', `/api/tenants/${TENANT}/members`, { email: editor.email, role: 'editor' });
    const client = new StrataClient(run.base);
    await client.login(editor.email, editor.password);
    const token = client.accessToken;

    const qualified = `"${tenant.schemaName}"."orders"`;
    const seededIn = await seedOrders(run.databaseUrl, qualified, ROWS);
    const ids = await someIds(run.databaseUrl, qualified, 2000);

    const statements = await ourStatements(
      tenant.schemaName,
      schema.definition,
      schema.version,
      'orders',
      listQuery(7),
      sampleOrder(1),
    );
    const bare = await startBaseline(run, 'bench/api/bare-records-server.ts', '/health', {
      BARE_STATEMENTS: JSON.stringify(statements),
      BARE_ACTOR_ID: editorId,
    });

    sameJson('list', await getJson(`${run.base}${listPath(7)}`, token), await getJson(`${bare.base}${listPath(7)}`));
    sameJson(
      'get',
      await getJson(`${run.base}${RECORDS}/${ids[0]}`, token),
      await getJson(`${bare.base}${RECORDS}/${ids[0]}`),
    );
    const order = sampleOrder(2);
    sameJson(
      'create',
      await getJson(`${run.base}${RECORDS}`, token, order),
      await getJson(`${bare.base}${RECORDS}`, undefined, order),
      ['id', 'created_at', 'updated_at'],
    );

    // Accounts and ids in a scattered order, the same sequence for both servers.
    const listPaths = Array.from({ length: ACCOUNTS }, (_, i) => listPath(((i * 389) % ACCOUNTS) + 1));
    const getPaths = ids.map((id) => `${RECORDS}/${id}`);
    const scenarios: Scenario[] = [
      {
        key: 'list',
        name: 'a/c',
        route: 'list: filter, sort, page 2',
        paths: listPaths,
        targetRatio: 0.8,
        maxP99Ms: 25,
      },
      { key: 'get', name: 'b/c', route: 'get by id', paths: getPaths, targetRatio: 0.8, maxP99Ms: 25 },
      { key: 'create', name: 'd/e', route: 'create (+ history)', body: sampleOrder(3), targetRatio: 0.5, maxP99Ms: 50 },
    ];
    const comparisons: Comparison[] = [];
    for (const { key: _key, paths, body, ...comparison } of scenarios.filter(
      (s) => !WANTED || WANTED.includes(s.key),
    )) {
      const method = body === undefined ? ('GET' as const) : ('POST' as const);
      const target = { method, paths, body };
      const measured = await compareSides(
        { target: { url: `${run.base}${RECORDS}`, token, ...target }, pid: run.apiPid },
        { target: { url: `${bare.base}${RECORDS}`, ...target }, pid: bare.pid },
      );
      comparisons.push({ ...comparison, ...measured });
    }

    console.log(`\nrecords: ${ROWS} rows seeded in ${seededIn.toFixed(1)} s; ${machine()}`);
    printComparisons(comparisons, run.apiLog);
  },
};
