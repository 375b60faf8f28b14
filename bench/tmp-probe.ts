import { AccessCacheVersion, loadEnv, prepareDatabase, SqlDatabase, SqlQuery } from '@app/core';
import { RecordsReadService } from '@app/dataschema';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../test/utils/test-database';
import { ORDERS_TABLE, seedOrders } from './api/orders-table';
import { productionLikeEnv } from './server-env';

async function main() {
  const suffix = uniqueSuffix();
  const database = `strata_probe_${suffix}`;
  const admin = { email: 'admin@bench.local', password: 'admin-password-123' };
  const env = loadEnv({ ...productionLikeEnv({ port: 0, databaseUrl: databaseUrlFor(database), admin, queuePrefix: `probe_${suffix}`, fileStore: `/tmp/probe-${suffix}` }), LOG_LEVEL: process.env.PROBE_LOG ?? 'info' });
  await prepareDatabase(env);
  const app = await createApiApp(env);
  const f = app.getHttpAdapter().getInstance();
  const call = async (method: string, url: string, token?: string, payload?: unknown) => {
    const res = await f.inject({ method: method as 'GET', url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) }, payload: payload ? JSON.stringify(payload) : undefined });
    if (res.statusCode >= 300) throw new Error(`${url} ${res.statusCode} ${res.body}`);
    return res.json();
  };
  try {
    const token = (await call('POST', '/api/auth/login', undefined, admin)).accessToken;
    const tenant: { id: string; schemaName: string } = await call('POST', '/api/tenants', token, { name: 'B', slug: 'bench' });
    await call('PUT', '/api/tenants/bench/schema', token, { definition: { tables: [ORDERS_TABLE] }, expectedVersion: 0 });
    await seedOrders(env.DATABASE_URL, `"${tenant.schemaName}"."orders"`, 100000);
    const cpuOf = async (name: string, n: number, op: (i: number) => Promise<unknown>) => {
      for (const round of [0, 1]) {
        let i = 0;
        const cpu = process.cpuUsage();
        await Promise.all(Array.from({ length: 32 }, async () => { while (i < n) await op(i++); }));
        const used = process.cpuUsage(cpu);
        if (round === 1) console.log(`${name}: ${((used.user + used.system) / n).toFixed(0)} µs CPU/op (user ${(used.user / n).toFixed(0)})`);
      }
    };
    const reader = app.get(RecordsReadService);
    const versions = app.get(AccessCacheVersion);
    const ctx = { tenantId: tenant.id, slug: 'bench', schemaName: tenant.schemaName, role: null };
    const q = (i: number) => ({ 'filter[account][eq]': String((i * 389) % 1000 + 1), sort: '-placed_at', page: '2', pageSize: '20' });
    const first = await reader.list(ctx, 'orders', q(1));
    const db = app.get(SqlDatabase);
    const pool = (app.get(DataSource).driver as unknown as { master: import('pg').Pool }).master;
    const rowsText = (await import('@app/dataschema')).compileListQuery;
    void rowsText; void first;
    const { compileRecordTable, parseListQuery, compileRecordTables } = await import('@app/dataschema');
    const schema = await call('GET', '/api/tenants/bench/schema', token);
    const table = compileRecordTable(tenant.schemaName, schema.definition.tables[0]);
    const compiled = (await import('@app/dataschema')).compileListQuery(parseListQuery(table, q(1), compileRecordTables(tenant.schemaName, schema.definition)));
    for (let k = 0; k < (process.env.PROBE_PARTS ? 2 : 0); k++) {
      await cpuOf('raw pool, named', 8000, (i) => Promise.all([
        pool.query({ name: 'r', text: compiled.rows.text, values: [(i * 389) % 1000 + 1, 21, 20] }),
        pool.query({ name: 'c', text: compiled.count!.text, values: [(i * 389) % 1000 + 1] }),
      ]));
      await cpuOf('SqlDatabase, unnamed', 8000, (i) => Promise.all([
        db.query(new SqlQuery(compiled.rows.text, [(i * 389) % 1000 + 1, 21, 20])),
        db.query(new SqlQuery(compiled.count!.text, [(i * 389) % 1000 + 1])),
      ]));
      await cpuOf('SqlDatabase, named', 8000, (i) => Promise.all([
        db.query(new SqlQuery(compiled.rows.text, [(i * 389) % 1000 + 1, 21, 20], 'rr')),
        db.query(new SqlQuery(compiled.count!.text, [(i * 389) % 1000 + 1], 'cc')),
      ]));
      await cpuOf('service list', 8000, async (i) => reader.list({ ...ctx, versions: await versions.read() }, 'orders', q(i)));
    }
    if (process.env.PROBE_AUTH) {
      const { AccessTokenVerifier, AuthenticatedUsers } = await import('../libs/users/src/auth/access-token-verifier').then(async (m) => ({ ...m, ...(await import('../libs/users/src/auth/authenticated-users')) }));
      const { TenantsAccessResolver } = await import('../libs/tenants/src/tenant-access.resolver');
      const { TenantsService } = await import('@app/tenants');
      const verifier = app.get(AccessTokenVerifier);
      const users = app.get(AuthenticatedUsers);
      const resolver = app.get(TenantsAccessResolver);
      const tenants = app.get(TenantsService);
      const claims = verifier.verify(token)!;
      const v0 = await versions.read();
      const user = (await users.find(claims.sub, v0.access))!;
      for (let k = 0; k < 2; k++) {
        await cpuOf('verify (remembered)', 20000, async () => verifier.verify(token));
        await cpuOf('versions.read', 20000, () => versions.read());
        await cpuOf('users.find (cached)', 20000, () => users.find(claims.sub, v0.access));
        await cpuOf('resolver.resolve (cached)', 20000, () => resolver.resolve('bench', user, v0));
        await cpuOf('tenants.get', 8000, () => tenants.get(ctx));
        await cpuOf('service list', 8000, async (i) => reader.list({ ...ctx, versions: v0 }, 'orders', q(i)));
      }
    }
    const paths: Record<string, (i: number) => string> = {
      list: (i) => `/api/tenants/bench/tables/orders/records?filter%5Baccount%5D%5Beq%5D=${(i * 389) % 1000 + 1}&sort=-placed_at&page=2&pageSize=20`,
      tenant: () => `/api/tenants/bench`,
      health: () => `/health`,
    };
    {
      const Fastify = (await import('fastify')).default;
      const bareApp = Fastify({ logger: false });
      bareApp.get('/health', async () => ({ status: 'ok' }));
      await bareApp.ready();
      for (const round of [0, 1]) {
        const n = 8000;
        let i = 0;
        const cpu = process.cpuUsage();
        await Promise.all(Array.from({ length: 32 }, async () => { while (i++ < n) { (await bareApp.inject({ method: 'GET', url: '/health' })).json(); } }));
        const used = process.cpuUsage(cpu);
        if (round === 1) console.log(`bare fastify inject /health: ${((used.user + used.system) / n).toFixed(0)} µs CPU/req`);
      }
    }
    if (process.env.PROBE_HEAP) {
      const inspector = await import('node:inspector');
      const session = new inspector.Session();
      session.connect();
      const post = (m: string, p?: object) => new Promise<any>((res, rej) => session.post(m, p, (e, r) => (e ? rej(e) : res(r))));
      const route = paths[process.env.PROBE_HEAP]!;
      for (let i = 0; i < 2000; i++) await call('GET', route(i), token);
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      const n = 5000; let i = 0;
      await Promise.all(Array.from({ length: 32 }, async () => { while (i < n) await call('GET', route(i++), token); }));
      const { profile } = await post('HeapProfiler.stopSampling');
      const totals = new Map<string, number>(); let all = 0;
      const walk = (node: any, stack: string[]) => {
        const f = node.callFrame; const name = `${f.functionName || '(anon)'} ${String(f.url).replace(/^.*node_modules\//, '').replace(/^.*request\//, '')}:${f.lineNumber + 1}`;
        const self = node.selfSize as number; all += self;
        if (self) totals.set(name, (totals.get(name) ?? 0) + self);
        for (const c of node.children) walk(c, [...stack, name]);
      };
      walk(profile.head, []);
      console.log(`allocated ~${(all / n / 1024).toFixed(1)} KiB per request`);
      for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / n).toFixed(0).padStart(7)} B  ${k}`);
      return;
    }
    for (const [name, path] of Object.entries(paths).filter(([k]) => !process.env.PROBE_ONLY || k === process.env.PROBE_ONLY)) {
      for (const round of [0, 1]) {
        const n = Number(process.env.PROBE_N ?? 4000);
        let i = 0;
        const cpu = process.cpuUsage();
        const t = Date.now();
        await Promise.all(Array.from({ length: 32 }, async () => { while (i < n) { await call('GET', path(i++), token); } }));
        const used = process.cpuUsage(cpu);
        if (round === 1) console.log(`${name}: ${((used.user + used.system) / n).toFixed(0)} µs CPU/req (user ${(used.user / n).toFixed(0)}, system ${(used.system / n).toFixed(0)}), ${(n / ((Date.now() - t) / 1000)).toFixed(0)} req/s`);
      }
    }
  } finally {
    await app.close();
    await dropDatabase(database);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
