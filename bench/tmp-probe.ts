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
    const paths: Record<string, (i: number) => string> = {
      list: (i) => `/api/tenants/bench/tables/orders/records?filter%5Baccount%5D%5Beq%5D=${(i * 389) % 1000 + 1}&sort=-placed_at&page=2&pageSize=20`,
      tenant: () => `/api/tenants/bench`,
      health: () => `/health`,
    };
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
