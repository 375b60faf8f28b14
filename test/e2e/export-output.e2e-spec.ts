import ExcelJS from 'exceljs';
import { createTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * The exact bytes of exports in every format, against what the records API shows for the same
 * values: timestamps, negative numbers, formula-like text, empty text and NULLs. The CSV comes from
 * a binary COPY written by the worker, so these pin that it is the records API's text.
 */
const DEFINITION = {
  tables: [
    {
      name: 'things',
      columns: [
        { name: 'label', type: 'string', maxLength: 100 },
        { name: 'amount', type: 'integer' },
        { name: 'price', type: 'decimal', precision: 10, scale: 2 },
        { name: 'ratio', type: 'float' },
        { name: 'flag', type: 'boolean' },
        { name: 'day', type: 'date' },
        { name: 'at', type: 'timestamp' },
        { name: 'meta', type: 'json' },
        { name: 'kind', type: 'enum', values: ['-minus', 'plain'] },
      ],
    },
    { name: 'times', columns: [{ name: 'at', type: 'timestamp' }] },
  ],
};

const FIELDS = 'label,amount,price,ratio,flag,day,at,meta,kind';
const ROWS = [
  {
    label: '=SUM(A1)',
    amount: -5,
    price: '-12.50',
    ratio: -0.25,
    flag: true,
    day: '1999-12-31',
    at: '2024-02-29T23:59:59.123456Z',
    meta: { b: [1, 'x,y'], a: null },
    kind: '-minus',
  },
  {
    label: 'a, "quoted"\nline',
    amount: 7,
    price: '3.00',
    ratio: 1e21,
    flag: false,
    day: '2024-01-02',
    at: '1970-01-01T00:00:00Z',
    meta: 'text',
    kind: 'plain',
  },
  { label: '', amount: null, price: null, ratio: null, flag: null, day: null, at: null, meta: null, kind: null },
  {
    label: '@home',
    amount: 0,
    price: '0.00',
    ratio: 0.1,
    flag: true,
    day: null,
    at: '2000-01-01T00:00:00.5Z',
    meta: 3,
  },
  { label: '-3', amount: null, price: null, ratio: null, flag: null, day: null, at: null, meta: null, kind: null },
  { label: null, amount: null, price: null, ratio: null, flag: null, day: null, at: null, meta: null, kind: null },
];

describe('export output in every format (real PostgreSQL, Redis and worker)', () => {
  let t: TestApp;
  let token: string;
  let slug: string;
  let schema: string;
  const base = () => `/api/tenants/${slug}`;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    const tenant = await createTenant(t, token);
    slug = tenant.slug;
    schema = tenant.schemaName;
    const res = await t.http.put(`${base()}/schema`, { definition: DEFINITION, expectedVersion: 0 }, { token });
    if (res.status !== 200) throw new Error(res.text);
    // one at a time, so created_at orders them
    for (const row of ROWS) {
      const created = await t.http.post(`${base()}/tables/things/records`, row, { token });
      if (created.status !== 201) throw new Error(created.text);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function exported(body: Record<string, unknown>, table = 'things') {
    const created = await t.http.post(`${base()}/exports`, { table, ...body }, { token });
    expect(created.status).toBe(202);
    const deadline = Date.now() + 30000;
    let job = created.body as { id: string; status: string };
    while (['queued', 'running'].includes(job.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.http.get(`${base()}/exports/${job.id}`, { token })).body as typeof job;
    }
    expect(job.status).toBe('succeeded');
    const response = await fetch(`${t.http.baseUrl}${base()}/exports/${job.id}/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  const records = async () => {
    const list = await t.http.get(`${base()}/tables/things/records?sort=created_at&pageSize=100&fields=${FIELDS}`, {
      token,
    });
    expect(list.status).toBe(200);
    return (list.body as { results: Array<Record<string, unknown>> }).results;
  };

  it('writes CSV byte for byte: ISO UTC times, negatives as they are, text neutralized, NULL empty, empty text ""', async () => {
    const { response, bytes } = await exported({ format: 'csv', fields: FIELDS, sort: 'created_at' });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="things-\d{4}-\d\d-\d\d\.csv"$/);
    const text = bytes.toString('utf8');
    expect(text.replace(/^[0-9a-f-]{36},/gm, 'ID,')).toBe(
      [
        'id,label,amount,price,ratio,flag,day,at,meta,kind',
        `ID,'=SUM(A1),-5,-12.50,-0.25,true,1999-12-31,2024-02-29T23:59:59.123456Z,"{""a"":null,""b"":[1,""x,y""]}",'-minus`,
        'ID,"a, ""quoted""\nline",7,3.00,1e+21,false,2024-01-02,1970-01-01T00:00:00.000000Z,text,plain',
        'ID,"",,,,,,,,',
        "ID,'@home,0,0.00,0.1,true,,2000-01-01T00:00:00.500000Z,3,",
        "ID,'-3,,,,,,,,",
        'ID,,,,,,,,,',
        '',
      ].join('\n'),
    );
    // the records API shows the same times, and the rows are its records
    const list = await records();
    expect(list.map((r) => r.at)).toEqual([
      '2024-02-29T23:59:59.123456Z',
      '1970-01-01T00:00:00.000000Z',
      null,
      '2000-01-01T00:00:00.500000Z',
      null,
      null,
    ]);
    expect(text.match(/^[0-9a-f-]{36}(?=,)/gm)).toEqual(list.map((r) => r.id));
  });

  it('writes CSV without neutralization when asked', async () => {
    const { bytes } = await exported({
      format: 'csv',
      fields: 'label,amount,kind',
      sort: 'created_at',
      neutralize: false,
    });
    expect(bytes.toString('utf8').replace(/^[0-9a-f-]{36},/gm, 'ID,')).toBe(
      'id,label,amount,kind\nID,=SUM(A1),-5,-minus\nID,"a, ""quoted""\nline",7,plain\nID,"",,\nID,@home,0,\nID,-3,,\nID,,,\n',
    );
  });

  it('writes JSON and NDJSON as the records API shows the records', async () => {
    const list = await records();
    const json = await exported({ format: 'json', fields: FIELDS, sort: 'created_at' });
    expect(json.response.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(list);
    expect(json.bytes.toString('utf8')).toBe(`[\n${list.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
    const ndjson = await exported({ format: 'ndjson', fields: FIELDS, sort: 'created_at' });
    expect(ndjson.response.headers.get('content-type')).toBe('application/x-ndjson');
    expect(ndjson.bytes.toString('utf8')).toBe(list.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });

  it('writes XLSX cells: numbers as numbers, text neutralized, times as the API text, NULL as no value', async () => {
    const { response, bytes } = await exported({ format: 'xlsx', fields: FIELDS, sort: 'created_at' });
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.worksheets[0];
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(2);
    expect(row(1)).toEqual(FIELDS.split(','));
    expect(row(2)).toEqual([
      `'=SUM(A1)`,
      -5,
      -12.5,
      -0.25,
      true,
      '1999-12-31',
      '2024-02-29T23:59:59.123456Z',
      '{"a":null,"b":[1,"x,y"]}',
      `'-minus`,
    ]);
    expect(row(6)).toEqual([`'-3`]);
  });

  it('writes any stored time as to_char does: microseconds, BC years, years past 9999, infinity', async () => {
    await t.db.query(`INSERT INTO "${schema}".times (at) SELECT v FROM unnest($1::timestamptz[]) v`, [
      [
        '2024-05-14 12:34:56.789012+02',
        '1900-02-28 23:59:59.999999+00',
        '0044-03-15 12:00:00+00 BC',
        '4713-01-01 00:00:00+00 BC',
        '12345-06-07 08:09:10.000001+00',
        '294276-12-31 23:59:59.999999+00',
        'infinity',
        '-infinity',
      ],
    ]);
    await t.db.query(
      `INSERT INTO "${schema}".times (at)
       SELECT timestamptz '2000-01-01 00:00:00+00' + (((random() - 0.5) * 8e15)::bigint || ' microseconds')::interval
       FROM generate_series(1, 2000)`,
    );
    const expected = (await t.db.query(
      `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM "${schema}".times ORDER BY id`,
    )) as Array<{ id: string; at: string | null }>;
    const { bytes } = await exported({ format: 'csv', fields: 'at', sort: 'id' }, 'times');
    expect(bytes.toString('utf8')).toBe(`id,at\n${expected.map((r) => `${r.id},${r.at ?? ''}\n`).join('')}`);
    expect(expected.map((r) => r.at).slice(0, 8)).toEqual(
      expect.arrayContaining([
        '2024-05-14T10:34:56.789012Z',
        '0044-03-15T12:00:00.000000Z',
        '12345-06-07T08:09:10.000001Z',
        null,
      ]),
    );
  });
});
