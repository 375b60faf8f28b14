import { randomBytes } from 'node:crypto';
import { StrataClient } from '../import/strata-client';
import { measureRoute, RouteResult } from './load-route';
import { ScaleTarget } from './scale-api';
import { fixtureTable } from './schema-fixture';

export interface ManyTenantsOptions {
  /** Tenants to provision (e.g. 1000). */
  tenants: number;
  seconds?: number;
  warmUpSeconds?: number;
  connections?: number;
  /** Requests in flight while deleting the tenants at the end (default 4). */
  cleanupConcurrency?: number;
}

interface Timings {
  mean: number;
  p50: number;
  p99: number;
  max: number;
  /** Mean of the first and of the last tenth: does the cost grow with the tenants already there? */
  firstTenth: number;
  lastTenth: number;
}

export interface ManyTenantsResult {
  createTenant: Timings;
  createTable: Timings;
  rows: Array<{ route: string; before: RouteResult; after: RouteResult }>;
  startUpMs?: { before: number; after: number };
}

const PROBE_ROWS = 100;

function timings(ms: number[]): Timings {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
  const tenth = Math.max(1, Math.floor(ms.length / 10));
  return {
    mean: mean(ms),
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    firstTenth: mean(ms.slice(0, tenth)),
    lastTenth: mean(ms.slice(-tenth)),
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Item 5 of the performance issue: provisions `tenants` tenants through the API (POST tenants, then
 * one table each through PUT schema), one after the other, and prints the time per tenant (mean,
 * p99, first against last tenth); loads the tenant list (as a superadmin and as a member of one
 * tenant), one tenant's records and tables, `/health/ready` and `/metrics` before and after, and
 * restarts the API before and after when the target can. Every tenant it made is deleted at the end.
 */
export async function runManyTenantsBench(
  target: ScaleTarget,
  options: ManyTenantsOptions,
): Promise<ManyTenantsResult> {
  const load = { seconds: options.seconds ?? 5, connections: options.connections ?? 32 };
  const warmUp = options.warmUpSeconds ?? 2;
  const run = randomBytes(3).toString('hex');
  const slugs: string[] = [];
  let admin = new StrataClient(target.base, await target.adminToken());
  const probe = `many_probe_${run}`;
  const member = {
    username: `many_member_${run}`,
    email: `many_member_${run}@bench.local`,
    password: randomBytes(12).toString('hex'),
  };
  let memberId: string | undefined;
  try {
    slugs.push(probe);
    await admin.call('POST', '/api/tenants', { name: probe, slug: probe });
    await admin.call('PUT', `/api/tenants/${probe}/schema`, {
      definition: { tables: [fixtureTable(0)] },
      expectedVersion: 0,
    });
    const records = Array.from({ length: PROBE_ROWS }, (_, i) => ({ title: `Row ${i}`, code: `R${i}`, quantity: i }));
    await admin.call('POST', `/api/tenants/${probe}/tables/items_001/records`, records);
    memberId = (await admin.call<{ id: string }>('POST', '/api/users', member)).id;
    await admin.call('POST', `/api/tenants/${probe}/members`, { email: member.email, role: 'viewer' });
    const memberToken = (
      await admin.call<{ accessToken: string }>('POST', '/api/auth/login', {
        email: member.email,
        password: member.password,
      })
    ).accessToken;

    const measureAll = async (lastPage: number) => {
      const token = await target.adminToken();
      const cases: Array<{ route: string; path: string; token: string; connections?: number }> = [
        { route: 'GET /api/tenants (superadmin, first page)', path: '/api/tenants', token },
        { route: 'GET /api/tenants (superadmin, last page)', path: `/api/tenants?page=${lastPage}`, token },
        { route: 'GET /api/tenants (member of one)', path: '/api/tenants', token: memberToken },
        {
          route: 'GET records (one tenant, first page)',
          path: `/api/tenants/${probe}/tables/items_001/records`,
          token,
        },
        { route: 'GET tables (one tenant)', path: `/api/tenants/${probe}/tables`, token },
        // As a probe and a scraper call them: one at a time.
        { route: 'GET /health/ready (1 connection)', path: '/health/ready', token, connections: 1 },
        { route: 'GET /metrics (1 connection)', path: '/metrics', token, connections: 1 },
      ];
      // A (re)started API compiles its hot paths during the first requests: warm every route first.
      const options = (c: (typeof cases)[number]) => ({
        url: `${target.base}${c.path}`,
        token: c.token,
        ...load,
        connections: c.connections ?? load.connections,
      });
      for (const c of cases) await measureRoute({ ...options(c), seconds: warmUp }, 0);
      const results: Array<{ route: string; result: RouteResult }> = [];
      for (const c of cases) results.push({ route: c.route, result: await measureRoute(options(c), 0) });
      return results;
    };

    const startUpBefore = target.restart ? await target.restart() : undefined;
    const before = await measureAll(1);

    const tenantMs: number[] = [];
    const tableMs: number[] = [];
    const started = process.hrtime.bigint();
    for (let i = 0; i < options.tenants; i++) {
      if (i % 200 === 0) admin = new StrataClient(target.base, await target.adminToken());
      const slug = `many_${run}_${String(i).padStart(5, '0')}`;
      tenantMs.push(await timed(() => admin.call('POST', '/api/tenants', { name: slug, slug })));
      slugs.push(slug);
      tableMs.push(
        await timed(() =>
          admin.call('PUT', `/api/tenants/${slug}/schema`, {
            definition: { tables: [fixtureTable(0)] },
            expectedVersion: 0,
          }),
        ),
      );
      if ((i + 1) % 100 === 0) console.log(`  ${i + 1} tenants provisioned`);
    }
    const provisionSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const startUpAfter = target.restart ? await target.restart() : undefined;
    const after = await measureAll(Math.ceil(slugs.length / 20));
    const result: ManyTenantsResult = {
      createTenant: timings(tenantMs),
      createTable: timings(tableMs),
      rows: before.map((b, i) => ({ route: b.route, before: b.result, after: after[i].result })),
      startUpMs:
        startUpBefore !== undefined && startUpAfter !== undefined
          ? { before: startUpBefore, after: startUpAfter }
          : undefined,
    };
    printManyTenants(result, options.tenants, provisionSeconds, load);
    return result;
  } finally {
    admin = new StrataClient(target.base, await target.adminToken());
    const deleteStarted = process.hrtime.bigint();
    await inParallel(slugs, options.cleanupConcurrency ?? 4, async (slug) => {
      await admin.call('DELETE', `/api/tenants/${slug}?confirm=${slug}`).catch(() => undefined);
    });
    if (memberId) await admin.call('DELETE', `/api/users/${memberId}`).catch(() => undefined);
    console.log(
      `deleted ${slugs.length} tenants in ${(Number(process.hrtime.bigint() - deleteStarted) / 1e9).toFixed(1)} s`,
    );
  }
}

function printManyTenants(
  result: ManyTenantsResult,
  tenants: number,
  provisionSeconds: number,
  load: { seconds: number; connections: number },
): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const line = (label: string, t: Timings) =>
    console.log(
      `${label}: mean ${ms(t.mean)}, p50 ${ms(t.p50)}, p99 ${ms(t.p99)}, max ${ms(t.max)}; ` +
        `first tenth ${ms(t.firstTenth)}, last tenth ${ms(t.lastTenth)}`,
    );
  console.log(`\nmany tenants: ${tenants} provisioned in ${provisionSeconds.toFixed(1)} s, one after the other`);
  line('POST /api/tenants', result.createTenant);
  line('PUT schema (first table)', result.createTable);
  if (result.startUpMs) {
    console.log(
      `API start-up to /health/ready: before ${ms(result.startUpMs.before)}, after ${ms(result.startUpMs.after)}`,
    );
  }
  console.log(`concurrency ${load.connections}, ${load.seconds} s per measurement`);
  console.log('route | before req/s | p50 | p99 | after req/s | p50 | p99 | req/s after/before');
  for (const { route, before, after } of result.rows) {
    console.log(
      [
        route,
        before.requestsPerSecond.toFixed(0),
        ms(before.p50),
        ms(before.p99),
        after.requestsPerSecond.toFixed(0),
        ms(after.p50),
        ms(after.p99),
        (after.requestsPerSecond / before.requestsPerSecond).toFixed(2),
      ].join(' | '),
    );
    if (before.failures + after.failures > 0)
      console.log(`  ! failed responses: before ${before.failures}, after ${after.failures}`);
  }
}
