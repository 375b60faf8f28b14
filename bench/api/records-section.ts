import type { SchemaDefinition } from '@app/dataschema';
import { StrataClient } from '../import/strata-client';
import { Comparison, machine, measure, printComparisons, startBaseline } from '../http/harness';
import type { ApiBenchContext, ApiBenchSection } from './section';
import { ACCOUNTS, ORDERS_TABLE, sampleOrder, seedOrders, someIds } from './orders-table';
import { ourStatements } from './records-statements';

const TENANT = 'bench';
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

    sameJson('list', await getJson(`${run.base}${listPath(7)}`, token), await getJson(`${bare}${listPath(7)}`));
    sameJson(
      'get',
      await getJson(`${run.base}${RECORDS}/${ids[0]}`, token),
      await getJson(`${bare}${RECORDS}/${ids[0]}`),
    );
    const order = sampleOrder(2);
    sameJson(
      'create',
      await getJson(`${run.base}${RECORDS}`, token, order),
      await getJson(`${bare}${RECORDS}`, undefined, order),
      ['id', 'created_at', 'updated_at'],
    );

    // Accounts and ids in a scattered order, the same sequence for both servers.
    const listPaths = Array.from({ length: ACCOUNTS }, (_, i) => listPath(((i * 389) % ACCOUNTS) + 1));
    const getPaths = ids.map((id) => `${RECORDS}/${id}`);
    const comparisons: Comparison[] = [];
    const compare = async (
      name: string,
      route: string,
      target: { paths?: string[]; body?: unknown },
      targetRatio: number,
      maxP99Ms: number,
    ) => {
      const method = target.body === undefined ? ('GET' as const) : ('POST' as const);
      const ours = await measure({ url: `${run.base}${RECORDS}`, token, method, ...target });
      const baseline = await measure({ url: `${bare}${RECORDS}`, method, ...target });
      comparisons.push({ name, route, ours, baseline, targetRatio, maxP99Ms });
    };
    await compare('a/c', 'list: filter, sort, page 2', { paths: listPaths }, 0.8, 25);
    await compare('b/c', 'get by id', { paths: getPaths }, 0.8, 25);
    await compare('d/e', 'create (+ history)', { body: sampleOrder(3) }, 0.5, 50);

    console.log(`\nrecords: ${ROWS} rows seeded in ${seededIn.toFixed(1)} s; ${machine()}`);
    printComparisons(comparisons, run.apiLog);
  },
};
