import { type LinkRequest, requestLinks } from '@app/core';
import { compileListQuery, compileRecordTables, parseListQuery, toListPage } from '@app/dataschema';
import { ORDERS_TABLE } from './orders-table';

/**
 * `node -r @swc-node/register bench/api/list-own-work.ts`: the CPU time of what the records list
 * route does itself for the bench's list request (parse and check the query, compile its SQL, cut
 * the page, write its two links), in process, next to the `JSON.stringify` of the page that both
 * servers do. CPU time, not wall time, so other load on the machine shifts it little.
 */
const ITERATIONS = Number(process.env.ITERATIONS ?? 200_000);
const definition = {
  tables: [
    {
      ...ORDERS_TABLE,
      id: '11111111-1111-4111-8111-111111111111',
      columns: ORDERS_TABLE.columns.map((c, i) => ({ ...c, id: `0000000${i}-1111-4111-8111-111111111111` })),
    },
  ],
};
const tables = compileRecordTables('tenant_bench', definition, 'tenant:1');
const table = tables.get('orders')!;
const rows = Array.from({ length: 21 }, (_, i) => ({
  id: `0190a8e2-7b1c-7d3e-8f00-1234567890${String(i).padStart(2, '0')}`,
  account: 5,
  placed_at: '2024-03-01T10:00:00.000000Z',
  status: 'paid',
  customer: 'Customer 123',
  email: 'c123@example.com',
  amount: '123.45',
  quantity: 3,
  paid: false,
  note: 'Order 1234',
  created_at: '2024-03-01T10:00:00.123456Z',
  updated_at: '2024-03-01T10:00:00.123456Z',
  created_by: null,
  updated_by: null,
}));
const account = (i: number) => String((i % 1000) + 1);
const rawQuery = (i: number) => ({ 'filter[account][eq]': account(i), sort: '-placed_at', page: '2', pageSize: '20' });
const request = (i: number): LinkRequest => ({
  url: `/api/tenants/bench/tables/orders/records?filter%5Baccount%5D%5Beq%5D=${account(i)}&sort=-placed_at&page=2&pageSize=20`,
  protocol: 'http',
  headers: { host: '127.0.0.1:3000' },
});

function measure(name: string, work: (i: number) => unknown): void {
  for (let i = 0; i < 20_000; i++) work(i);
  const start = process.cpuUsage();
  for (let i = 0; i < ITERATIONS; i++) work(i);
  const used = process.cpuUsage(start);
  console.log(`${name.padEnd(24)} ${((used.user + used.system) / ITERATIONS).toFixed(2)} µs CPU`);
}

const query = parseListQuery(table, rawQuery(1), tables);
measure('parseListQuery', (i) => parseListQuery(table, rawQuery(i), tables));
measure('compileListQuery', () => compileListQuery(query));
measure('requestLinks (both)', (i) => requestLinks(request(i), 'page', ['3', '1']));
measure('the route, all of it', (i) => {
  const parsed = parseListQuery(table, rawQuery(i), tables);
  return [compileListQuery(parsed), toListPage(parsed, rows), requestLinks(request(i), 'page', ['3', '1'])];
});
measure('JSON.stringify the page', () =>
  JSON.stringify({ count: 100, next: 'http://h/x?page=3', previous: 'http://h/x?page=1', results: rows.slice(0, 20) }),
);
