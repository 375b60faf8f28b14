import { PreparedStatementNames } from '@app/core';
import { compileListQuery, countFrom, keysetCondition, toListPage } from './list-sql';
import { parseListQuery } from './list-query';
import { decodeCursor } from './keyset-cursor';
import { compileRecordTables } from './record-table';
import { SAMPLE_DEFINITION, sampleTable, sampleTables } from './testing/sample-table';

const tables = sampleTables();
const table = sampleTable();
const parse = (raw: Record<string, unknown>) => parseListQuery(table, raw, tables);
const T = '"tenant_acme"."things" t';
const ID = '0190a8e2-7b1c-7d3e-8f00-123456789abc';

describe('compileListQuery', () => {
  it('selects the fields with dates, timestamps, bigints and decimals as text, an offset page and an exact count', () => {
    const compiled = compileListQuery(parse({ fields: 'born,seen_at,big,price,qty', page: '3', pageSize: '10' }));
    expect(compiled.rows.text).toBe(
      `SELECT t."id" AS "id", (t."born")::text AS "born", ` +
        `to_char((t."seen_at") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "seen_at", ` +
        `(t."big")::text AS "big", (t."price")::text AS "price", t."qty" AS "qty" ` +
        `FROM ${T} ORDER BY t."id" ASC LIMIT $1 OFFSET $2`,
    );
    expect(compiled.rows.values).toEqual([11, 20]);
    expect(compiled.count?.text).toBe(`SELECT count(*) AS count FROM ${T}`);
  });

  it('makes every filter operator a parameter, with LIKE wildcards of values escaped', () => {
    const compiled = compileListQuery(
      parse({
        fields: 'id',
        count: 'none',
        'filter[qty][eq]': '1',
        'filter[qty][ne]': '2',
        'filter[qty][lt]': '3',
        'filter[qty][lte]': '4',
        'filter[qty][gt]': '5',
        'filter[qty][gte]': '6',
        'filter[qty][in]': '7,8',
        'filter[qty][nin]': '9',
        'filter[qty][between]': '10,11',
        'filter[qty][isNull]': 'false',
        'filter[body][contains]': "50%_a\\b'",
        'filter[body][icontains]': 'Ann',
        'filter[body][startsWith]': 'a_',
        'filter[body][endsWith]': '%z',
        search: 'x%',
      }),
    );
    expect(compiled.count).toBeUndefined();
    expect(compiled.rows.text).toBe(
      `SELECT t."id" AS "id" FROM ${T} WHERE t."qty" = $1 AND t."qty" IS DISTINCT FROM $2 AND t."qty" < $3 ` +
        `AND t."qty" <= $4 AND t."qty" > $5 AND t."qty" >= $6 AND t."qty" = ANY($7::integer[]) ` +
        `AND (t."qty" IS NULL OR NOT (t."qty" = ANY($8::integer[]))) AND t."qty" BETWEEN $9 AND $10 ` +
        `AND t."qty" IS NOT NULL AND t."body" LIKE $11 AND t."body" ILIKE $12 AND t."body" LIKE $13 ` +
        `AND t."body" LIKE $14 AND (t."label" ILIKE $15 OR t."body" ILIKE $16 OR t."email" ILIKE $17 ` +
        `OR t."site" ILIKE $18 OR t."status" ILIKE $19) ORDER BY t."id" ASC LIMIT $20 OFFSET $21`,
    );
    expect(compiled.rows.values).toEqual([
      1,
      2,
      3,
      4,
      5,
      6,
      [7, 8],
      [9],
      10,
      11,
      "%50\\%\\_a\\\\b'%",
      '%Ann%',
      'a\\_%',
      '%\\%z',
      ...Array(5).fill('%x\\%%'),
      21,
      0,
    ]);
  });

  it('never puts a hostile value into the text', () => {
    const hostile = "x'); DROP TABLE things; --";
    const compiled = compileListQuery(parse({ label: hostile, search: hostile, 'filter[body][in]': hostile }));
    for (const q of [compiled.rows, compiled.count!]) expect(q.text).not.toContain('DROP');
  });

  it('sorts by several columns with id last and estimates the count with EXPLAIN', () => {
    const compiled = compileListQuery(parse({ sort: '-qty,label', count: 'estimated', fields: 'id', qty: '5' }));
    expect(compiled.rows.text).toBe(
      `SELECT t."id" AS "id" FROM ${T} WHERE t."qty" = $1 ORDER BY t."qty" DESC, t."label" ASC, t."id" ASC LIMIT $2 OFFSET $3`,
    );
    expect(compiled.count?.text).toBe(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${T} WHERE t."qty" = $1`);
  });

  it('embeds a referenced record with its own columns only (no set-aside ones)', () => {
    const compiled = compileListQuery(parse({ fields: 'company', expand: 'company', count: 'none' }));
    expect(compiled.rows.text).toBe(
      `SELECT t."id" AS "id", (SELECT to_jsonb(x) FROM (SELECT r."id" AS "id", r."name" AS "name", ` +
        `to_char((r."created_at") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "created_at", ` +
        `to_char((r."updated_at") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updated_at", ` +
        `r."created_by" AS "created_by", r."updated_by" AS "updated_by" FROM "tenant_acme"."companies" r ` +
        `WHERE r."id" = t."company") x) AS "company" FROM ${T} ORDER BY t."id" ASC LIMIT $1 OFFSET $2`,
    );
  });

  it('pages by keyset with no OFFSET, selecting the sort keys as text', () => {
    const first = compileListQuery(parse({ cursor: '', fields: 'id', sort: 'created_at', count: 'none' }));
    expect(first.rows.text).toBe(
      `SELECT t."id" AS "id", (t."created_at")::text AS "_k0", (t."id")::text AS "_k1" FROM ${T} ` +
        `ORDER BY t."created_at" ASC, t."id" ASC LIMIT $1`,
    );
    const query = parse({ cursor: '', fields: 'id', sort: 'created_at', count: 'none', pageSize: '2' });
    const page = toListPage(query, [
      { id: 'a', _k0: '2024-01-01 00:00:00.000001+00', _k1: ID },
      { id: 'b', _k0: '2024-01-01 00:00:00.000002+00', _k1: ID.replace('abc', 'abd') },
      { id: 'c', _k0: '2024-01-01 00:00:00.000003+00', _k1: ID.replace('abc', 'abe') },
    ]);
    expect(page.results).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(page.hasMore).toBe(true);
    const next = compileListQuery(parse({ cursor: page.nextCursor, fields: 'id', sort: 'created_at', count: 'none' }));
    expect(next.rows.text).toBe(
      `SELECT t."id" AS "id", (t."created_at")::text AS "_k0", (t."id")::text AS "_k1" FROM ${T} ` +
        `WHERE (t."created_at", t."id") > ($1, $2) ORDER BY t."created_at" ASC, t."id" ASC LIMIT $3`,
    );
    expect(next.rows.values).toEqual(['2024-01-01 00:00:00.000002+00', ID.replace('abc', 'abd'), 21]);
    expect(next.rows.text).not.toContain('OFFSET');
  });
});

describe('compileListQuery on a table compiled for a tenant version', () => {
  const scoped = compileRecordTables('tenant_acme', SAMPLE_DEFINITION, 'tenant-1:3');
  const parseScoped = (raw: Record<string, unknown>) => parseListQuery(scoped.get('things')!, raw, scoped);

  it('prepares its statements under names scoped by the tenant version, one per text', () => {
    const first = compileListQuery(parseScoped({ fields: 'label', 'filter[qty][gt]': '1' }));
    const again = compileListQuery(parseScoped({ fields: 'label', 'filter[qty][gt]': '7' }));
    const other = compileListQuery(parseScoped({ fields: 'label,qty', 'filter[qty][gt]': '1' }));
    expect(first.rows.name).toBeDefined();
    expect(again.rows).toMatchObject({ name: first.rows.name, text: first.rows.text, values: [7, 21, 0] });
    expect(other.rows.name).not.toBe(first.rows.name);
    expect(first.count?.name).not.toBe(first.rows.name);
  });

  it("builds each shape's select list once, and never serves it to another shape", () => {
    const shapes = [{ fields: 'label' }, { fields: 'label,qty' }, { fields: 'qty,label' }, {}, { cursor: '' }];
    const texts = shapes.map((raw) => compileListQuery(parseScoped({ ...raw, count: 'none' })).rows.text);
    expect(new Set(texts).size).toBe(shapes.length);
    expect(shapes.map((raw) => compileListQuery(parseScoped({ ...raw, count: 'none' })).rows.text)).toEqual(texts);
    expect(texts[0]).toContain('SELECT t."id" AS "id", t."label" AS "label" FROM');
  });
});

describe('compileListQuery of a shape it compiled before', () => {
  const cursorAfter = (keys: Array<string | null>, sort: string) =>
    toListPage(parse({ sort, cursor: '', pageSize: '1' }), [
      { id: 'x', _k0: keys[0], _k1: keys[1] },
      { id: 'y', _k0: null, _k1: ID },
    ]).nextCursor as string;
  /** Pairs of requests of one shape with other values (and, for isNull and cursors, other forms). */
  const pairs: Array<[Record<string, unknown>, Record<string, unknown>]> = [
    [
      { 'filter[qty][eq]': '1', sort: '-qty' },
      { 'filter[qty][eq]': '2', sort: '-qty', page: '4', pageSize: '7' },
    ],
    [
      { 'filter[qty][in]': '1,2', 'filter[qty][between]': '1,9', 'filter[body][icontains]': 'a%', search: 'x' },
      { 'filter[qty][in]': '3', 'filter[qty][between]': '2,3', 'filter[body][icontains]': 'b_', search: 'y' },
    ],
    [{ 'filter[qty][isNull]': 'true' }, { 'filter[qty][isNull]': 'false' }],
    [{ 'filter[qty][isNull]': 'false' }, { 'filter[qty][isNull]': 'true' }],
    [
      { fields: 'company', expand: 'company', count: 'estimated', label: 'a' },
      { fields: 'company', expand: 'company', count: 'estimated', label: 'b' },
    ],
    [
      { sort: 'qty', count: 'none', cursor: cursorAfter(['5', ID], 'qty') },
      { sort: 'qty', count: 'none', cursor: cursorAfter(['6', ID.replace('abc', 'abd')], 'qty') },
    ],
    [
      { sort: 'qty', count: 'none', cursor: cursorAfter(['5', ID], 'qty') },
      { sort: 'qty', count: 'none', cursor: cursorAfter([null, ID], 'qty') },
    ],
    [
      { cursor: '', sort: '-created_at' },
      { cursor: '', sort: '-created_at', pageSize: '3' },
    ],
  ];

  it('answers the same statements, names and values as a first compile', () => {
    const scopedTables = () => compileRecordTables('tenant_acme', SAMPLE_DEFINITION, 'tenant-1:4');
    const used = scopedTables();
    for (const [first, second] of pairs) {
      compileListQuery(parseListQuery(used.get('things')!, first, used));
      const fresh = scopedTables();
      expect(compileListQuery(parseListQuery(used.get('things')!, second, used))).toEqual(
        compileListQuery(parseListQuery(fresh.get('things')!, second, fresh)),
      );
    }
  });

  it('neither builds the text nor looks its statement name up again', () => {
    const scoped = compileRecordTables('tenant_acme', SAMPLE_DEFINITION, 'tenant-1:5');
    const things = scoped.get('things')!;
    compileListQuery(parseListQuery(things, { 'filter[qty][eq]': '1', sort: '-qty' }, scoped));
    const lookups = jest.spyOn(PreparedStatementNames.prototype, 'nameFor');
    try {
      const again = compileListQuery(parseListQuery(things, { 'filter[qty][eq]': '2', sort: '-qty' }, scoped));
      expect(again.rows.values).toEqual([2, 21, 0]);
      expect(again.count?.values).toEqual([2]);
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });
});

describe('keysetCondition', () => {
  const sortOf = (sort: string) => parse({ sort }).sort;

  it('is a row-value comparison when every term goes one way over NOT NULL columns', () => {
    expect(keysetCondition(sortOf('-created_at'), ['2024-01-01T00:00:00Z', ID]).text).toBe(
      '(t."created_at", t."id") < ($1, $2)',
    );
  });

  it('expands to ORs for mixed directions, led by a bound on the first column', () => {
    const q = keysetCondition(sortOf('-updated_at,label'), ['2024-01-01T00:00:00Z', 'b', ID]);
    expect(q.text).toBe(
      't."updated_at" <= $1 AND (t."updated_at" < $2 OR (t."updated_at" = $3 AND t."label" > $4) OR ' +
        '(t."updated_at" = $5 AND t."label" = $6 AND t."id" > $7))',
    );
  });

  it('places NULLs last ascending and first descending', () => {
    expect(keysetCondition(sortOf('qty'), [5, ID]).text).toBe(
      '((t."qty" > $1 OR t."qty" IS NULL) OR (t."qty" = $2 AND t."id" > $3))',
    );
    expect(keysetCondition(sortOf('qty'), [null, ID]).text).toBe('((t."qty" IS NULL AND t."id" > $1))');
    expect(keysetCondition(sortOf('-qty'), [null, ID]).text).toBe(
      '(t."qty" IS NOT NULL OR (t."qty" IS NULL AND t."id" < $1))',
    );
    expect(keysetCondition(sortOf('-qty'), [5, ID]).text).toBe('(t."qty" < $1 OR (t."qty" = $2 AND t."id" < $3))');
  });
});

describe('cursors', () => {
  const sort = parse({ sort: '-qty,born' }).sort;
  const page = (keys: Array<string | null>) =>
    toListPage(parse({ sort: '-qty,born', cursor: '', pageSize: '1' }), [
      { id: 'x', _k0: keys[0], _k1: keys[1], _k2: keys[2] },
      { id: 'y', _k0: '1', _k1: null, _k2: ID },
    ]).nextCursor as string;

  it('round-trips the key values, nulls included', () => {
    expect(decodeCursor(page(['7', null, ID]), sort)).toEqual([7, null, ID]);
    expect(decodeCursor(page([null, '2024-02-03', ID]), sort)).toEqual([null, '2024-02-03', ID]);
  });

  it('refuses a tampered cursor', () => {
    const good = page(['7', null, ID]);
    const body = JSON.parse(Buffer.from(good, 'base64url').toString());
    const tampered = (change: (b: { s: string; k: unknown[] }) => void) => {
      const copy = JSON.parse(JSON.stringify(body));
      change(copy);
      return Buffer.from(JSON.stringify(copy)).toString('base64url');
    };
    const refused = [
      tampered((b) => (b.k[0] = "1'; DROP TABLE x")),
      tampered((b) => (b.k[0] = 7)),
      tampered((b) => (b.k[2] = null)),
      tampered((b) => (b.k[2] = 'x')),
      tampered((b) => b.k.pop()),
      tampered((b) => (b.s = 'qty,born,id')),
      good.slice(0, -3),
      `${good}=`,
    ];
    for (const cursor of refused)
      expect(decodeCursor(cursor, sort)).toEqual({ field: 'cursor', message: expect.any(String) });
  });
});

describe('countFrom', () => {
  it('reads an exact count and a planner estimate', () => {
    expect(countFrom(parse({}), [{ count: '42' }])).toBe(42);
    expect(countFrom(parse({ count: 'estimated' }), [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': 99.6 } }] }])).toBe(100);
    expect(countFrom(parse({ count: 'none' }), [])).toBeNull();
  });
});
