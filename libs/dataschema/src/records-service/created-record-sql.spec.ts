import { compileRecordTables } from '../records/record-table';
import { SAMPLE_DEFINITION, sampleTable } from '../records/testing/sample-table';
import { createRecordQuery, CreateInput } from './created-record-sql';

const input = (row: Record<string, unknown>, table = sampleTable()): CreateInput => ({
  table,
  tableId: 't_things',
  actorId: '0190a0a0-0000-7000-8000-00000000000a',
  schemaVersion: 4,
  row,
});

/** `$n` -> its value, for reading which value a placeholder of the text takes. */
function valueAfter(text: string, values: unknown[], before: string): unknown[] {
  const found: unknown[] = [];
  for (const match of text.matchAll(new RegExp(`${before}\\$(\\d+)`, 'g'))) found.push(values[Number(match[1]) - 1]);
  return found;
}

describe('createRecordQuery', () => {
  it('fills each placeholder with its own value: one array per column in name order, the actor, the table id, the version', () => {
    const q = createRecordQuery(input({ qty: 3, label: 'abc', meta: { a: 1 } }));
    expect(q.text).toMatch(/"label", "meta", "qty", "created_by", "updated_by"/);
    expect(q.text).toMatch(/unnest\(\$\d+::varchar\(5\)\[\], \$\d+::jsonb\[\], \$\d+::integer\[\]\)/);
    const unnested = /unnest\((.*?)\) AS u/.exec(q.text)![1];
    expect([...unnested.matchAll(/\$(\d+)/g)].map((m) => q.values[Number(m[1]) - 1])).toEqual([
      ['abc'],
      [{ a: 1 }],
      [3],
    ]);
    expect(new Set(valueAfter(q.text, q.values, ''))).toEqual(
      new Set([['abc'], [{ a: 1 }], [3], '0190a0a0-0000-7000-8000-00000000000a', 't_things', 4]),
    );
    expect(valueAfter(q.text, q.values, 'SELECT ')).toEqual(['t_things']);
    expect(/\$(\d+)::int\s+FROM created _new/.exec(q.text)).not.toBeNull();
    expect(q.values[Number(/\$(\d+)::int\s+FROM created _new/.exec(q.text)![1]) - 1]).toBe(4);
  });

  it('builds one text per table and set of columns, whatever order the row names them in', () => {
    const a = createRecordQuery(input({ qty: 1, label: 'x' }));
    const b = createRecordQuery(input({ label: 'y', qty: 2 }));
    const other = createRecordQuery(input({ label: 'y' }));
    expect(b.text).toBe(a.text);
    expect(b.values).not.toEqual(a.values);
    expect(other.text).not.toBe(a.text);
  });

  it('prepares it under a name scoped by the table, so a new version gets its own', () => {
    const scoped = (scope: string) => compileRecordTables('tenant_acme', SAMPLE_DEFINITION, scope).get('things')!;
    const v1 = createRecordQuery(input({ label: 'x' }, scoped('tenant-1:v1')));
    const again = createRecordQuery(input({ label: 'z' }, scoped('tenant-1:v1')));
    const v2 = createRecordQuery(input({ label: 'x' }, scoped('tenant-1:v2')));
    expect(v1.name).toEqual(expect.any(String));
    expect(again.name).toBe(v1.name);
    expect(v2.name).not.toBe(v1.name);
    expect(createRecordQuery(input({ label: 'x' })).name).toBeUndefined();
  });

  it('creates a record without any column given from the actor alone', () => {
    const q = createRecordQuery(input({}));
    expect(q.text).toMatch(/generate_series\(1, \$\d+::int\)/);
    expect(q.values.filter((v) => v === '0190a0a0-0000-7000-8000-00000000000a').length).toBeGreaterThanOrEqual(3);
  });
});
