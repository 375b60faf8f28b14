import type { TableDefinition } from '@app/dataschema';
import { Client } from 'pg';

/**
 * The bench's records table: orders of 1,000 accounts, listed per account newest first, so the
 * index `(account, placed_at, id)` serves the filter, the sort and the id tie-break (read backwards
 * for `-placed_at`).
 */
export const ORDERS_TABLE: TableDefinition = {
  name: 'orders',
  columns: [
    { name: 'account', type: 'integer', required: true },
    { name: 'placed_at', type: 'timestamp', required: true },
    { name: 'status', type: 'enum', values: ['new', 'paid', 'shipped', 'cancelled'], required: true },
    { name: 'customer', type: 'string', maxLength: 100, required: true },
    { name: 'email', type: 'email' },
    { name: 'amount', type: 'decimal', precision: 12, scale: 2 },
    { name: 'quantity', type: 'integer' },
    { name: 'paid', type: 'boolean' },
    { name: 'note', type: 'text' },
  ],
  indexes: [{ columns: ['account', 'placed_at', 'id'] }],
};

export const ACCOUNTS = 1000;

/** A record as a client would create it. */
export const sampleOrder = (n: number) => ({
  account: (n % ACCOUNTS) + 1,
  placed_at: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
  status: 'new',
  customer: `Customer ${n % 50_000}`,
  email: `c${n % 50_000}@example.com`,
  amount: ((n * 7919) % 100_000) / 100,
  quantity: (n % 10) + 1,
  paid: false,
  note: `Order ${n}`,
});

/**
 * `rows` orders straight into the table by SQL (generate_series: the ids, timestamps and defaults
 * are the table's own), then VACUUM ANALYZE so counts are index-only and plans use fresh
 * statistics. Answers the seconds it took.
 */
export async function seedOrders(databaseUrl: string, qualifiedTable: string, rows: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    await client.query(
      `INSERT INTO ${qualifiedTable} (account, placed_at, status, customer, email, amount, quantity, paid, note)
       SELECT g % ${ACCOUNTS} + 1,
              timestamptz '2023-01-01 00:00:00+00' + ((g * 7919) % 63072000) * interval '1 second',
              (ARRAY['new', 'paid', 'shipped', 'cancelled'])[g % 4 + 1],
              'Customer ' || g % 50000,
              'c' || g % 50000 || '@example.com',
              (g * 7919 % 100000) / 100.0,
              g % 10 + 1,
              g % 3 = 0,
              CASE WHEN g % 5 = 0 THEN NULL ELSE 'Order ' || g END
         FROM generate_series(1, $1::bigint) g`,
      [rows],
    );
    await client.query(`VACUUM ANALYZE ${qualifiedTable}`);
  } finally {
    await client.end();
  }
  return (Date.now() - started) / 1000;
}

/** `count` ids of the table, spread over it, for get-by-id requests. */
export async function someIds(databaseUrl: string, qualifiedTable: string, count: number): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM ${qualifiedTable} ORDER BY random() LIMIT ${Math.trunc(count)}`,
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
