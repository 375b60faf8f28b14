import { AppException } from '@app/core';
import { FILTER_OPERATORS } from './record-filters';
import { parseListQuery } from './list-query';
import { encodeCursor } from './keyset-cursor';
import { sampleTable, sampleTables } from './testing/sample-table';

const tables = sampleTables();
const table = sampleTable();
const parse = (raw: Record<string, unknown>) => parseListQuery(table, raw, tables);

function detailsOf(raw: Record<string, unknown>) {
  try {
    parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    const e = error as AppException;
    expect(e.status).toBe(400);
    expect(e.code).toBe('VALIDATION_FAILED');
    return e.details;
  }
  throw new Error('expected a 400');
}

/** A valid value per column and operator family. */
const SAMPLES: Record<string, { value: string; list: string; coerced: unknown }> = {
  label: { value: 'abc', list: 'a,b', coerced: 'abc' },
  body: { value: 'abc', list: 'a,b', coerced: 'abc' },
  qty: { value: '42', list: '1,2', coerced: 42 },
  big: { value: '9007199254740993', list: '1,2', coerced: '9007199254740993' },
  price: { value: '12.50', list: '1,2', coerced: '12.50' },
  ratio: { value: '1.5', list: '1,2', coerced: 1.5 },
  active: { value: 'true', list: 'true,false', coerced: true },
  born: { value: '2024-01-31', list: '2024-01-01,2024-02-01', coerced: '2024-01-31' },
  seen_at: {
    value: '2024-01-31T10:00:00Z',
    list: '2024-01-01T00:00:00Z,2024-02-01T00:00:00Z',
    coerced: '2024-01-31T10:00:00Z',
  },
  token: {
    value: '0190a8e2-7b1c-7d3e-8f00-123456789abc',
    list: '0190a8e2-7b1c-7d3e-8f00-123456789abc,0190a8e2-7b1c-7d3e-8f00-123456789abd',
    coerced: '0190a8e2-7b1c-7d3e-8f00-123456789abc',
  },
  meta: { value: 'x', list: 'x,y', coerced: 'x' },
  email: { value: 'ann@x.io', list: 'a@x.io,b@x.io', coerced: 'ann@x.io' },
  site: { value: 'https://x.io', list: 'https://x.io,https://y.io', coerced: 'https://x.io' },
  status: { value: 'lead', list: 'lead,customer', coerced: 'lead' },
  company: {
    value: '0190a8e2-7b1c-7d3e-8f00-123456789abc',
    list: '0190a8e2-7b1c-7d3e-8f00-123456789abc',
    coerced: '0190a8e2-7b1c-7d3e-8f00-123456789abc',
  },
};
const TEXT = ['label', 'body', 'email', 'site', 'status'];
const allowed = (column: string, op: string) => {
  if (column === 'meta') return op === 'isNull';
  if (column === 'active') return ['eq', 'ne', 'in', 'nin', 'isNull'].includes(op);
  if (['contains', 'icontains', 'startsWith', 'endsWith'].includes(op)) return TEXT.includes(column);
  return true;
};

describe('parseListQuery filters: each operator on each type', () => {
  const cases = Object.keys(SAMPLES).flatMap((column) => FILTER_OPERATORS.map((op) => [column, op] as const));
  it.each(cases)('%s %s', (column, op) => {
    const sample = SAMPLES[column];
    const value =
      op === 'isNull'
        ? 'true'
        : ['in', 'nin'].includes(op)
          ? sample.list
          : op === 'between'
            ? sample.list.split(',').concat(sample.list.split(',')).slice(0, 2).join(',')
            : sample.value;
    const raw = { [`filter[${column}][${op}]`]: value };
    if (!allowed(column, op)) {
      expect(detailsOf(raw)).toEqual([
        { field: `filter[${column}][${op}]`, message: expect.stringContaining('does not apply') },
      ]);
      return;
    }
    const [filter] = parse(raw).filters;
    expect(filter.column.name).toBe(column);
    expect(filter.op).toBe(op);
    if (op === 'isNull') expect(filter.value).toBe(true);
    else if (op === 'in' || op === 'nin' || op === 'between') expect(Array.isArray(filter.value)).toBe(true);
    else expect(filter.value).toEqual(sample.coerced);
  });

  it('names a malformed value per column type', () => {
    expect(
      detailsOf({ 'filter[qty][gt]': 'abc', 'filter[born][eq]': '2024-13-01', 'filter[active][eq]': 'maybe' }),
    ).toEqual([
      { field: 'filter[qty][gt]', message: expect.stringContaining('integer') },
      { field: 'filter[born][eq]', message: expect.stringContaining('date') },
      { field: 'filter[active][eq]', message: 'must be true or false' },
    ]);
    expect(detailsOf({ 'filter[qty][in]': '1,x' })).toEqual([
      { field: 'filter[qty][in]', message: expect.stringMatching(/^value 2 must be an integer/) },
    ]);
    expect(detailsOf({ 'filter[qty][between]': '1,2,3' })).toEqual([
      { field: 'filter[qty][between]', message: expect.stringContaining('two values') },
    ]);
    expect(detailsOf({ 'filter[qty][isNull]': 'yes' })).toEqual([
      { field: 'filter[qty][isNull]', message: 'must be true or false' },
    ]);
  });

  it('reads literal bracket keys and nested objects alike, and the shorthand', () => {
    const literal = parse({ 'filter[qty][gte]': '2', label: 'ab' }).filters;
    const nested = parse({ filter: { qty: { gte: '2' } }, label: 'ab' }).filters;
    for (const filters of [literal, nested]) {
      expect(filters.map((f) => [f.column.name, f.op, f.value])).toEqual([
        ['qty', 'gte', 2],
        ['label', 'eq', 'ab'],
      ]);
    }
    expect(parse({ 'filter[qty]': '3' }).filters.map((f) => [f.op, f.value])).toEqual([['eq', 3]]);
  });

  it('splits comma lists with \\, as an escaped comma', () => {
    expect(parse({ 'filter[body][in]': 'a\\,b,c\\\\' }).filters[0].value).toEqual(['a,b', 'c\\']);
  });
});

describe('parseListQuery hostile input', () => {
  it.each([
    [{ 'filter[qty][gt]': '1; DROP TABLE things' }, 'filter[qty][gt]', 'integer'],
    [{ 'filter[label; DROP TABLE x][eq]': 'a' }, 'filter[label; DROP TABLE x][eq]', 'unknown column'],
    [{ 'filter[label"--][eq]': 'a' }, 'filter[label"--][eq]', 'unknown column'],
    [{ 'filter[qty][gt) OR 1=1 --]': '1' }, 'filter[qty][gt) OR 1=1 --]', 'unknown operator'],
    [{ 'filter[qty][like]': '1' }, 'filter[qty][like]', 'unknown operator'],
    [{ "name' OR '1'='1": 'x' }, "name' OR '1'='1", 'unknown column'],
    [{ sort: 'qty;DROP TABLE things' }, 'sort', 'unknown column'],
    [{ sort: '-meta' }, 'sort', 'cannot be sorted'],
    [{ sort: Array(20).fill('qty').join(',') }, 'sort', 'at most 8'],
    [{ pageSize: '1000000000' }, 'pageSize', 'from 1 to 1000'],
    [{ pageSize: '1001' }, 'pageSize', 'from 1 to 1000'],
    [{ pageSize: '0' }, 'pageSize', 'from 1 to 1000'],
    [{ pageSize: '-1' }, 'pageSize', 'from 1 to 1000'],
    [{ pageSize: '10e2' }, 'pageSize', 'from 1 to 1000'],
    [{ page: '0' }, 'page', 'from 1'],
    [{ page: '99999999999999999999' }, 'page', 'from 1'],
    [{ 'filter[qty': '1' }, 'filter[qty', 'is malformed'],
    [{ 'filter[qty]]': '1' }, 'filter[qty]]', 'is malformed'],
    [{ 'filter[][eq]': '1' }, 'filter[][eq]', 'is malformed'],
    [{ 'filter[qty][]': '1' }, 'filter[qty][]', 'is malformed'],
    [{ 'filter[qty][gt][x]': '1' }, 'filter[qty][gt][x]', 'is malformed'],
    [{ filter: 'qty' }, 'filter', 'filter[column][op]=value'],
    [{ filter: { qty: { gt: { deeper: '1' } } } }, 'filter[qty][gt]', 'is malformed'],
    [{ 'qty[gt]': '1' }, 'qty[gt]', 'unknown column'],
    [{ qty: { gt: '1' } }, 'qty', 'is malformed'],
    [{ 'filter[qty][gt]': ['1', '2'] }, 'filter[qty][gt]', 'more than once'],
    [{ pageSize: ['10', '20'] }, 'pageSize', 'more than once'],
    [{ qty: ['1', '2'] }, 'qty', 'more than once'],
    [{ 'filter[body][contains]': 'x'.repeat(5000) }, 'filter[body][contains]', 'longer than 4096'],
    [{ search: 'x'.repeat(5000) }, 'search', 'longer than 4096'],
    [{ 'filter[body][eq]': 'a\u0000b' }, 'filter[body][eq]', 'NUL'],
    [{ search: 'a\u0000' }, 'search', 'NUL'],
    [{ count: 'all' }, 'count', 'exact, estimated, none'],
    [{ fields: 'label,secret' }, 'fields', 'unknown column "secret"'],
    [{ expand: 'label' }, 'expand', 'not a reference column'],
    [{ expand: 'company.owner' }, 'expand', 'one level'],
    [{ cursor: 'abc', page: '2' }, 'cursor', 'cannot be combined with page'],
    [{ cursor: '!!!' }, 'cursor', 'not a cursor'],
    [{ cursor: Buffer.from('{"s":"id","k":["not-a-uuid"]}').toString('base64url') }, 'cursor', 'does not fit'],
    [{ cursor: Buffer.from('[1,2]').toString('base64url') }, 'cursor', 'not a cursor'],
    [{ cursor: Buffer.from('{"s":"id","k":[]}').toString('base64url') }, 'cursor', 'not a cursor'],
    [{ ['z'.repeat(10000)]: '1' }, `${'z'.repeat(80)}…`, 'unknown column'],
  ])('%j is a 400 naming %s', (raw, field, message) => {
    const details = detailsOf(raw as Record<string, unknown>) ?? [];
    expect(details).toContainEqual({ field, message: expect.stringContaining(message) });
    for (const d of details) expect(d.field.length).toBeLessThanOrEqual(100);
  });

  it('refuses more than 100 filters', () => {
    const raw = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`filter[qty][${['gt', 'lt'][i % 2]}${i}]`, '1']),
    );
    expect(detailsOf(raw)).toContainEqual({ field: 'filter', message: 'at most 100 filters' });
  });

  it('collects every problem at once', () => {
    expect(detailsOf({ pageSize: '5000', sort: 'nope', qty: 'x' })?.map((d) => d.field)).toEqual([
      'qty',
      'pageSize',
      'sort',
    ]);
  });
});

describe('parseListQuery paging, sort, fields and expand', () => {
  it('defaults: page 1 of 20, exact count, sorted by id, every column', () => {
    const q = parse({});
    expect([q.page, q.pageSize, q.count, q.keyset]).toEqual([1, 20, 'exact', undefined]);
    expect(q.sort.map((t) => [t.column.name, t.descending])).toEqual([['id', false]]);
    expect(q.fields.map((c) => c.name)).toEqual(table.ordered.map((c) => c.name));
  });

  it('sorts by several columns with id as the final tie-break, a repeat counting once', () => {
    expect(parse({ sort: '-qty, label,-qty' }).sort.map((t) => `${t.descending ? '-' : ''}${t.column.name}`)).toEqual([
      '-qty',
      'label',
      'id',
    ]);
    expect(parse({ sort: '-id,qty' }).sort.map((t) => t.column.name)).toEqual(['id']);
  });

  it('always returns id, and the expanded column', () => {
    expect(parse({ fields: 'label,qty', expand: 'company' }).fields.map((c) => c.name)).toEqual([
      'id',
      'label',
      'qty',
      'company',
    ]);
    expect(parse({ expand: 'company' }).expand.map((e) => e.target.name)).toEqual(['companies']);
  });

  it('an empty cursor starts keyset paging; a cursor of this sort resumes it', () => {
    expect(parse({ cursor: '' }).keyset).toEqual({});
    const sort = parse({ sort: '-qty' }).sort;
    const cursor = encodeCursor(sort, ['5', '0190a8e2-7b1c-7d3e-8f00-123456789abc']);
    expect(parse({ sort: '-qty', cursor }).keyset).toEqual({ after: [5, '0190a8e2-7b1c-7d3e-8f00-123456789abc'] });
    expect(detailsOf({ sort: 'qty', cursor })).toEqual([
      { field: 'cursor', message: expect.stringContaining('another sort') },
    ]);
  });

  it('accepts pageSize 1000', () => {
    expect(parse({ pageSize: '1000' }).pageSize).toBe(1000);
  });
});
