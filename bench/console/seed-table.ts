import { Client } from 'pg';

export const PERF_TABLE = 'events';

async function call(base: string, method: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * A tenant with one table made through the API (so its schema, version and catalog are real), then
 * `rows` rows written straight into it with generate_series: the API's bulk route takes 1,000 rows a
 * request, and the grid reads what is stored, however it got there.
 */
export async function seedTable(
  base: string,
  databaseUrl: string,
  admin: { email: string; password: string },
  tenant: string,
  rows: number,
): Promise<void> {
  const token = (await call(base, 'POST', '/api/auth/login', admin)).accessToken as string;
  const created = await call(base, 'POST', '/api/tenants', { name: 'Console perf', slug: tenant }, token);
  await call(
    base,
    'POST',
    `/api/tenants/${tenant}/tables`,
    {
      name: PERF_TABLE,
      columns: [
        { name: 'label', type: 'string', required: true },
        { name: 'qty', type: 'integer' },
        { name: 'price', type: 'decimal', precision: 10, scale: 2 },
        { name: 'category', type: 'enum', values: ['a', 'b', 'c', 'd'] },
        { name: 'day', type: 'date' },
        { name: 'note', type: 'text' },
      ],
    },
    token,
  );
  const schema = created.schemaName as string;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "${schema}"."${PERF_TABLE}" (label, qty, price, category, day, note)
       SELECT 'event ' || lpad(g::text, 6, '0'), (g * 7919) % 1000, ((g * 31) % 100000) / 100.0,
              (array['a','b','c','d'])[1 + g % 4], date '2024-01-01' + (g % 730), 'note number ' || g
         FROM generate_series(1, $1::int) g`,
      [rows],
    );
    await client.query(`ANALYZE "${schema}"."${PERF_TABLE}"`);
  } finally {
    await client.end();
  }
}
