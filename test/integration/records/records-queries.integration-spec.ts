import {
  compileAggregateQuery,
  compileListQuery,
  compileRecordTables,
  countFrom,
  parseAggregateQuery,
  parseListQuery,
  RecordTable,
  SchemaDefinition,
  toListPage,
  validateRecord,
} from '@app/dataschema';
import { SqlQuery } from '@app/core';
import { Client } from 'pg';
import { dropScratchTenant, migrate, scratchTenant, withIds } from '../dataschema/dataschema-db';

const ROWS = 10_000;
const DEFINITION: SchemaDefinition = {
  tables: [
    { name: 'companies', columns: [{ name: 'name', type: 'string', required: true }] },
    {
      name: 'items',
      columns: [
        { name: 'label', type: 'string', maxLength: 40, required: true },
        { name: 'qty', type: 'integer' },
        { name: 'big', type: 'bigint' },
        { name: 'price', type: 'decimal', precision: 10, scale: 2 },
        { name: 'ratio', type: 'float' },
        { name: 'active', type: 'boolean' },
        { name: 'born', type: 'date' },
        { name: 'seen_at', type: 'timestamp' },
        { name: 'status', type: 'enum', values: ['lead', 'customer', 'lost'] },
        { name: 'meta', type: 'json' },
        { name: 'company', type: 'reference', references: 'companies', onDelete: 'restrict' },
      ],
    },
  ],
};
const STATUSES = ['lead', 'customer', 'lost'];

interface Item {
  label: string;
  qty: number | null;
  big: string;
  price: string;
  ratio: number;
  active: boolean;
  born: string;
  seen_at: string;
  status: string;
  meta: unknown;
  company: string | null;
}

/** Deterministic rows with NULLs, ties and LIKE wildcards in labels. */
function sampleItem(i: number, companies: string[]): Item {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    label: ['plain', '50%_off', 'back\\slash', 'Mixed Case'][i % 4] + ` ${i % 97}`,
    qty: i % 11 === 0 ? null : i % 50,
    big: String(9007199254740993n + BigInt(i)),
    price: `${i % 300}.${String(i % 100).padStart(2, '0')}`,
    ratio: (i % 7) / 4,
    active: i % 3 === 0,
    born: `2020-02-${day}`,
    seen_at: `2024-01-${day}T${String(i % 24).padStart(2, '0')}:00:00.${String(i % 1000).padStart(3, '0')}123Z`,
    status: STATUSES[i % 3],
    meta: i % 5 === 0 ? null : { i },
    company: i % 4 === 3 ? null : companies[i % companies.length],
  };
}

describe('records queries against PostgreSQL', () => {
  let client: Client;
  let schema: string;
  let tables: ReadonlyMap<string, RecordTable>;
  let items: RecordTable;
  let rows: Array<Item & { id: string }>;

  const run = async (q: SqlQuery) => (await client.query(q.text, q.values)).rows as Array<Record<string, unknown>>;
  const list = async (raw: Record<string, unknown>) => {
    const query = parseListQuery(items, raw, tables);
    const compiled = compileListQuery(query);
    return { query, compiled, page: toListPage(query, await run(compiled.rows)) };
  };
  /** Every matching id, in the query's order, through keyset pages of 1000. */
  const allIds = async (raw: Record<string, unknown>) => {
    const ids: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 100; pages++) {
      const { page } = await list({ ...raw, fields: 'id', pageSize: '1000', count: 'none', cursor });
      ids.push(...page.results.map((r) => r.id as string));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
    }
    throw new Error('too many pages');
  };
  const expectIds = async (raw: Record<string, unknown>, keep: (item: Item & { id: string }) => boolean) => {
    const expected = rows.filter(keep).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(await allIds(raw))).toEqual(new Set(expected));
  };

  beforeAll(async () => {
    ({ client, schema } = await scratchTenant('rec_q'));
    const definition = withIds(DEFINITION);
    await migrate(client, schema, { tables: [] }, definition);
    tables = compileRecordTables(schema, definition);
    items = tables.get('items')!;
    const companyIds = (
      await client.query(
        `INSERT INTO "${schema}"."companies" (name) SELECT 'c' || n FROM generate_series(1, 5) n RETURNING id`,
      )
    ).rows.map((r) => r.id as string);
    const inputs = Array.from({ length: ROWS }, (_, i) => sampleItem(i, companyIds));
    const validated = inputs.map((input) => {
      const result = validateRecord(items, input, 'create');
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.row;
    });
    const inserted = await client.query(
      `INSERT INTO "${schema}"."items" (label, qty, big, price, ratio, active, born, seen_at, status, meta, company)
       SELECT label, qty, big, price, ratio, active, born, seen_at, status, meta::jsonb, company
       FROM jsonb_to_recordset($1::jsonb) AS x(label text, qty int, big bigint, price numeric, ratio float8,
         active boolean, born date, seen_at timestamptz, status text, meta text, company uuid)
       RETURNING id`,
      [JSON.stringify(validated)],
    );
    // RETURNING follows the order of the SELECT for a plain INSERT ... SELECT.
    rows = inputs.map((item, i) => ({ ...item, id: inserted.rows[i].id as string }));
    await client.query(`ANALYZE "${schema}"."items"`);
  }, 120_000);

  afterAll(() => dropScratchTenant(client, schema));

  it('filters with every operator', async () => {
    await expectIds({ qty: '7' }, (r) => r.qty === 7);
    await expectIds({ 'filter[qty][ne]': '7' }, (r) => r.qty !== 7);
    await expectIds({ 'filter[qty][lt]': '3' }, (r) => r.qty !== null && r.qty < 3);
    await expectIds({ 'filter[qty][lte]': '3' }, (r) => r.qty !== null && r.qty <= 3);
    await expectIds({ 'filter[qty][gt]': '45' }, (r) => r.qty !== null && r.qty > 45);
    await expectIds({ 'filter[qty][gte]': '45' }, (r) => r.qty !== null && r.qty >= 45);
    await expectIds({ 'filter[qty][in]': '1,2,3' }, (r) => r.qty !== null && [1, 2, 3].includes(r.qty));
    await expectIds({ 'filter[qty][nin]': '1,2,3' }, (r) => r.qty === null || ![1, 2, 3].includes(r.qty));
    await expectIds({ 'filter[qty][between]': '10,12' }, (r) => r.qty !== null && r.qty >= 10 && r.qty <= 12);
    await expectIds({ 'filter[qty][isNull]': 'true' }, (r) => r.qty === null);
    await expectIds({ 'filter[meta][isNull]': 'false' }, (r) => r.meta !== null);
    await expectIds({ 'filter[label][contains]': '%_' }, (r) => r.label.includes('%_'));
    await expectIds({ 'filter[label][contains]': 'k\\s' }, (r) => r.label.includes('k\\s'));
    await expectIds({ 'filter[label][icontains]': 'mixed c' }, (r) => r.label.toLowerCase().includes('mixed c'));
    await expectIds({ 'filter[label][startsWith]': '50%' }, (r) => r.label.startsWith('50%'));
    await expectIds({ 'filter[label][endsWith]': '_off 3' }, (r) => r.label.endsWith('_off 3'));
    await expectIds({ search: 'MIXED' }, (r) => r.label.toLowerCase().includes('mixed'));
  });

  it('compares values of every type after coercion', async () => {
    await expectIds({ 'filter[big][gt]': '9007199254740993' }, (r) => BigInt(r.big) > 9007199254740993n);
    await expectIds({ 'filter[price][lte]': '1.01' }, (r) => Number(r.price) <= 1.01);
    await expectIds({ 'filter[ratio][gte]': '1.25' }, (r) => r.ratio >= 1.25);
    await expectIds({ active: 'true' }, (r) => r.active);
    await expectIds({ 'filter[active][in]': 'false' }, (r) => !r.active);
    await expectIds(
      { 'filter[born][between]': '2020-02-03,2020-02-05' },
      (r) => r.born >= '2020-02-03' && r.born <= '2020-02-05',
    );
    await expectIds({ 'filter[seen_at][lt]': '2024-01-02T00:00:00+00:00' }, (r) => r.seen_at < '2024-01-02');
    await expectIds({ 'filter[status][in]': 'lead,lost' }, (r) => r.status !== 'customer');
    await expectIds({ 'filter[company][eq]': rows[0].company }, (r) => r.company === rows[0].company);
    await expectIds({ 'filter[id][eq]': rows[42].id }, (r) => r.id === rows[42].id);
  });

  it('pages by keyset through every row exactly once, in the order of a plain ORDER BY', async () => {
    for (const sort of [
      '',
      '-created_at',
      '-qty,label',
      'qty,-born',
      'company,-price',
      'born,-seen_at',
      '-status,price',
    ]) {
      const query = parseListQuery(items, { sort, fields: 'id', pageSize: '1000', cursor: '' }, tables);
      const { text, values } = compileListQuery({ ...query, pageSize: ROWS }).rows;
      const expected = (await client.query(text.replace(/ LIMIT \$\d+$/, ''), values.slice(0, -1))).rows.map(
        (r) => r.id,
      );
      const ids = await allIds({ sort });
      expect(ids).toHaveLength(ROWS);
      expect(ids).toEqual(expected);
    }
  });

  it('plans a keyset page as an index range with no OFFSET', async () => {
    const first = await list({ cursor: '', pageSize: '100', count: 'none' });
    const next = parseListQuery(items, { cursor: first.page.nextCursor, pageSize: '100' }, tables);
    const { rows: q } = compileListQuery(next);
    expect(q.text).not.toMatch(/OFFSET/i);
    const plan = JSON.stringify(
      (await client.query(`EXPLAIN (FORMAT JSON) ${q.text}`, q.values)).rows[0]['QUERY PLAN'],
    );
    expect(plan).toContain('Index Scan');
    expect(plan).toContain('Index Cond');
    expect(plan).not.toMatch(/Offset/);
  });

  it('answers offset pages, counts (exact and estimated), fields and expand', async () => {
    const { compiled, page, query } = await list({
      page: '2',
      pageSize: '3',
      fields: 'label,company,born,seen_at,big,price',
      expand: 'company',
    });
    expect(countFrom(query, await run(compiled.count!))).toBe(ROWS);
    expect(page.results.map((r) => r.id)).toEqual(
      rows
        .map((r) => r.id)
        .sort()
        .slice(3, 6),
    );
    const third = rows.find((r) => r.id === page.results[0].id)!;
    expect(page.results[0]).toEqual({
      id: third.id,
      label: third.label,
      born: third.born,
      seen_at: third.seen_at,
      big: third.big,
      price: Number(third.price).toFixed(2),
      company:
        third.company === null
          ? null
          : expect.objectContaining({ id: third.company, name: expect.stringMatching(/^c\d$/) }),
    });
    const estimated = await list({ count: 'estimated', 'filter[qty][lt]': '25' });
    const estimate = countFrom(estimated.query, await run(estimated.compiled.count!)) as number;
    expect(estimate).toBeGreaterThan(ROWS / 4);
    expect(estimate).toBeLessThan(ROWS);
  });

  it('aggregates per group under the same filters', async () => {
    const q = compileAggregateQuery(
      parseAggregateQuery(items, {
        groupBy: 'status',
        metrics: 'count,sum:qty,avg:ratio,min:born,max:price',
        'filter[ratio][gt]': '0',
      }),
    );
    const result = await run(q);
    const expected = STATUSES.slice()
      .sort()
      .map((status) => {
        const group = rows.filter((r) => r.status === status && r.ratio > 0);
        const qtys = group.map((r) => r.qty).filter((n): n is number => n !== null);
        return {
          status,
          count: group.length,
          sum_qty: qtys.reduce((a, b) => a + b, 0),
          avg_ratio: expect.closeTo(group.reduce((a, r) => a + r.ratio, 0) / group.length, 9),
          min_born: group.map((r) => r.born).sort()[0],
          max_price: group
            .map((r) => Number(r.price))
            .sort((a, b) => b - a)[0]
            .toFixed(2),
        };
      });
    expect(result).toEqual(expected);
  });
});
