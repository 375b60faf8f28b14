import { compileRecordTable, TableDefinition, validateRecord } from '@app/dataschema';
import { SeededRandom } from '../../../../test/utils/seeded-random';
import { CellValue, DecodedItem } from '../decode/decoded-item';
import { copyFields } from './copy-lines';
import { copySerializer } from './copy-text';
import { RowPipeline } from './row-pipeline';
import { uniqueKeysOf } from './unique-keys';

const definition: TableDefinition = {
  name: 'customers',
  columns: [
    { name: 'email', type: 'email', required: true, unique: true },
    { name: 'name', type: 'string', maxLength: 20, required: true },
    { name: 'age', type: 'integer' },
    { name: 'born', type: 'date' },
    { name: 'seen_at', type: 'timestamp' },
    { name: 'active', type: 'boolean', required: true, default: true },
    { name: 'notes', type: 'text' },
    { name: 'code', type: 'string' },
    { name: 'region', type: 'string' },
  ],
  indexes: [{ columns: ['code', 'region'], unique: true }],
};

const newPipeline = () =>
  new RowPipeline({ table: compileRecordTable('t', definition), uniqueKeys: uniqueKeysOf(definition) });

const header = (names: string[]): DecodedItem => ({ kind: 'header', rowNumber: 1, names });
const cells = (rowNumber: number, values: CellValue[]): DecodedItem => ({ kind: 'cells', rowNumber, cells: values });

function run(names: string[], rows: CellValue[][]) {
  const pipeline = newPipeline();
  const out = pipeline.processBatch([header(names), ...rows.map((r, i) => cells(i + 2, r))]);
  return { ...out, columns: pipeline.copyColumns.map((c) => c.name) };
}

describe('RowPipeline', () => {
  it('turns good rows into COPY lines in the file column order, defaults for empty cells', () => {
    const out = run(['name', 'email', 'active', 'notes'], [['Ann', 'a@x.io', '', 'two\nlines\tand \\']]);
    expect(out.columns).toEqual(['name', 'email', 'active', 'notes']);
    expect(out.copyText).toBe('Ann\ta@x.io\tt\ttwo\\nlines\\tand \\\\\n');
    expect(out.goodRows).toBe(1);
  });

  it('writes \\N for an empty cell of an optional column', () => {
    expect(run(['email', 'name', 'age'], [['a@x.io', 'Ann', '']]).copyText).toBe('a@x.io\tAnn\t\\N\n');
  });

  it.each([
    ['a missing required value', ['a@x.io', '', '1', '2000-01-01'], 'name', '', 'is required'],
    ['a bad email', ['not-an-email', 'Ann', '1', '2000-01-01'], 'email', 'not-an-email', 'must be a valid email'],
    ['a bad date', ['a@x.io', 'Ann', '1', '2000-02-30'], 'born', '2000-02-30', 'must be a date as YYYY-MM-DD'],
    [
      'a bad number',
      ['a@x.io', 'Ann', '12abc', '2000-01-01'],
      'age',
      '12abc',
      'must be an integer from -2147483648 to 2147483647',
    ],
  ])('reports %s with its row, column, value and message', (_name, row, column, value, message) => {
    const out = run(['email', 'name', 'age', 'born'], [row]);
    expect(out.goodRows).toBe(0);
    expect(out.badRows).toEqual([{ row: 2, raw: row, errors: [{ row: 2, column, value, message }] }]);
  });

  it('reports every problem of a row at once', () => {
    const out = run(['email', 'name', 'age'], [['bad', '', 'x']]);
    expect(out.badRows[0].errors.map((e) => e.column).sort()).toEqual(['age', 'email', 'name']);
  });

  it('makes a duplicate of a unique column inside the file a bad row naming the first row', () => {
    const out = run(
      ['email', 'name'],
      [
        ['a@x.io', 'Ann'],
        ['b@x.io', 'Bob'],
        ['a@x.io', 'Ann again'],
      ],
    );
    expect(out.goodRows).toBe(2);
    expect(out.badRows).toEqual([
      {
        row: 4,
        raw: ['a@x.io', 'Ann again'],
        errors: [{ row: 4, column: 'email', value: 'a@x.io', message: 'duplicates row 2 of the file' }],
      },
    ]);
  });

  it('checks a unique index over several columns, where nulls never clash', () => {
    const out = run(
      ['email', 'name', 'code', 'region'],
      [
        ['a@x.io', 'A', 'c1', 'eu'],
        ['b@x.io', 'B', 'c1', 'us'],
        ['c@x.io', 'C', 'c1', ''],
        ['d@x.io', 'D', 'c1', ''],
        ['e@x.io', 'E', 'c1', 'eu'],
      ],
    );
    expect(out.badRows.map((b) => [b.row, b.errors[0].column, b.errors[0].value])).toEqual([
      [6, 'code,region', 'c1,eu'],
    ]);
  });

  it('does not count a bad row as the first holder of a key', () => {
    const out = run(
      ['email', 'name'],
      [
        ['a@x.io', ''],
        ['a@x.io', 'Ann'],
      ],
    );
    expect(out.badRows.map((b) => b.row)).toEqual([2]);
    expect(out.goodRows).toBe(1);
  });

  it('passes a bad row of the decoder through with its cells', () => {
    const pipeline = newPipeline();
    const out = pipeline.processBatch([
      header(['email', 'name']),
      { kind: 'bad', rowNumber: 2, message: 'has 3 cells where the header has 2', raw: ['a', 'b', 'c'] },
    ]);
    expect(out.badRows).toEqual([
      {
        row: 2,
        raw: ['a', 'b', 'c'],
        errors: [{ row: 2, column: null, value: null, message: 'The row has 3 cells where the header has 2' }],
      },
    ]);
  });

  it('writes spreadsheet dates as a day in date columns and an instant in timestamp columns', () => {
    const when = new Date(Date.UTC(2024, 4, 1, 12, 30));
    const out = run(['email', 'name', 'born', 'seen_at', 'age'], [['a@x.io', 'Ann', when, when, 42]]);
    expect(out.copyText).toBe('a@x.io\tAnn\t2024-05-01\t2024-05-01T12:30:00.000Z\t42\n');
  });

  it('maps JSON keys per object and reports unknown keys as a bad row', () => {
    const pipeline = newPipeline();
    const out = pipeline.processBatch([
      { kind: 'object', rowNumber: 1, value: { Email: 'a@x.io', name: 'Ann', age: 3 } },
      { kind: 'object', rowNumber: 2, value: { email: 'b@x.io', name: 'Bob', phone: '123' } },
    ]);
    expect(pipeline.copyColumns.map((c) => c.name)).toEqual(definition.columns.map((c) => c.name));
    expect(out.copyText).toBe('a@x.io\tAnn\t3\t\\N\t\\N\tt\t\\N\t\\N\t\\N\n');
    expect(out.badRows[0].errors).toEqual([
      { row: 2, column: 'phone', value: '123', message: 'is not a column of this table' },
    ]);
  });
});

describe('RowPipeline with a json column', () => {
  const table = compileRecordTable('t', { name: 'docs', columns: [{ name: 'meta', type: 'json' }] });

  it('parses the JSON text of a cell, and reports a cell that is not JSON', () => {
    const pipeline = new RowPipeline({ table });
    const out = pipeline.processBatch([header(['meta']), cells(2, ['{"a": [1, "x"]}']), cells(3, ['{oops'])]);
    expect(out.copyText).toBe('{"a":[1,"x"]}\n');
    expect(out.badRows[0].errors).toEqual([{ row: 3, column: 'meta', value: '{oops', message: 'must be valid JSON' }]);
  });
});

describe('RowPipeline with row numbers (staging tables)', () => {
  it('starts each good line with its file row, skipping bad rows', () => {
    const pipeline = new RowPipeline({ table: compileRecordTable('t', definition), rowNumbers: true });
    const out = pipeline.processBatch([
      header(['email', 'name']),
      cells(2, ['a@x.io', 'A']),
      cells(3, ['bad', 'B']),
      cells(5, ['c@x.io', 'C']),
    ]);
    expect(out.copyText).toBe('2\ta@x.io\tA\n5\tc@x.io\tC\n');
  });
});

describe('RowPipeline: tabular rows follow validateRecord', () => {
  const wide: TableDefinition = {
    name: 'wide',
    columns: [
      { name: 's', type: 'string', maxLength: 5, required: true },
      { name: 'd', type: 'string', default: 'dflt' },
      { name: 'n', type: 'integer', required: true, default: 7 },
      { name: 'b', type: 'bigint' },
      { name: 'x', type: 'decimal', precision: 5, scale: 2 },
      { name: 'f', type: 'float' },
      { name: 'o', type: 'boolean' },
      { name: 'day', type: 'date' },
      { name: 'ts', type: 'timestamp' },
      { name: 'u', type: 'uuid' },
      { name: 'e', type: 'email' },
      { name: 'w', type: 'url' },
      { name: 'k', type: 'enum', values: ['a', 'b'] },
      { name: 'j', type: 'json' },
      { name: 't', type: 'text' },
    ],
  };
  const SAMPLES: Record<string, string[]> = {
    s: ['', 'abc', 'abcdef', 'Zoë', ' x '],
    d: ['', 'v', 'tab\there'],
    n: ['', '12', '-3', '1.5', 'x', '99999999999'],
    b: ['', '123456789012345', 'x'],
    x: ['', '1.25', '123.4', '1234.5', 'x'],
    f: ['', '1e3', '-0.5', 'NaN'],
    o: ['', 'true', 'FALSE', 'yes'],
    day: ['', '2024-02-29', '2023-02-29', '2024-13-01'],
    ts: ['', '2024-05-01T12:00:00Z', '2024-05-01 12:00:00+02', '2024-05-01T25:00:00Z'],
    u: ['', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'nope'],
    e: ['', 'a@b.io', 'a b@c.io'],
    w: ['', 'https://x.io/p\\q', 'ftp://x.io'],
    k: ['', 'a', 'c'],
    j: ['', '{"a":1}', '[1,"\\t"]', '{oops', 'null'],
    t: ['', 'line\nnext', 'back\\slash', 'nul\u0000'],
  };

  it('stores and refuses the same rows, with the same values and errors, as validateRecord', () => {
    const table = compileRecordTable('t', wide);
    const names = wide.columns.map((c) => c.name);
    const random = new SeededRandom(7);
    const rows = Array.from({ length: 2000 }, () => names.map((name) => random.pick(SAMPLES[name])));
    const out = new RowPipeline({ table }).processBatch([header(names), ...rows.map((r, i) => cells(i + 2, r))]);
    const badByRow = new Map(out.badRows.map((b) => [b.row, b]));
    let good = 0;
    rows.forEach((row, i) => {
      const input: Record<string, unknown> = {};
      const unreadable: string[] = [];
      names.forEach((name, k) => {
        if (row[k] === '') return;
        if (name !== 'j') input[name] = row[k];
        else
          try {
            input[name] = JSON.parse(row[k]);
          } catch {
            unreadable.push(name);
          }
      });
      const expected = validateRecord(table, input, 'create');
      const bad = badByRow.get(i + 2);
      if (expected.ok && unreadable.length === 0) {
        expect(bad).toBeUndefined();
        const fields = copyFields(out.lines.line(good++));
        const values = names.map((name) => {
          const column = table.columns.get(name)!;
          const value = expected.row[name] === undefined ? column.replaceValue : expected.row[name];
          return copyFields(copySerializer(column)(value))[0];
        });
        expect(fields).toEqual(values);
      } else {
        const columns = [...unreadable, ...(expected.ok ? [] : expected.errors.map((e) => e.field))];
        expect(bad?.errors.map((e) => e.column).sort()).toEqual(columns.sort());
      }
    });
    expect(good).toBe(out.goodRows);
    expect(good).toBeGreaterThan(0);
  });
});

describe('RowPipeline lines for a direct load', () => {
  it('leads with a field per row, ends with fixed fields, and reads values and cells back', () => {
    const pipeline = new RowPipeline({
      table: compileRecordTable('t', definition),
      mapping: { skip_me: null },
      leadingField: (row) => `id-${row}`,
      trailingFields: ['actor', 'actor'],
    });
    const out = pipeline.processBatch([
      header(['name', 'skip_me', 'email']),
      cells(2, ['Ann', 'x', 'a@x.io']),
      cells(3, ['Bob\ttab', 'y', 'b@x.io']),
    ]);
    expect(out.copyText).toBe('id-2\tAnn\ta@x.io\tactor\tactor\nid-3\tBob\\ttab\tb@x.io\tactor\tactor\n');
    expect(out.rows).toEqual([2, 3]);
    expect(out.valueOf(1, 0)).toBe('Bob\ttab');
    expect(out.valueOf(1, 1)).toBe('b@x.io');
    // cells in the file's places; an ignored header's cell is empty
    expect(out.rawOf(1)).toEqual(['Bob\ttab', '', 'b@x.io']);
  });
});

describe('RowPipeline with stored keys remembered', () => {
  it('makes a row repeating a stored key a bad row, also when the keys came before the header', () => {
    const pipeline = newPipeline();
    pipeline.rememberStored(['email'], [['taken@x.io'], [null]]);
    pipeline.rememberStored(['code', 'region'], [['c1', 'eu']]);
    const out = pipeline.processBatch([
      header(['email', 'name', 'code', 'region']),
      cells(2, ['taken@x.io', 'A', '', '']),
      cells(3, ['new@x.io', 'B', 'c1', 'eu']),
      cells(4, ['ok@x.io', 'C', 'c1', 'us']),
    ]);
    expect(out.badRows.map((b) => b.errors[0])).toEqual([
      { row: 2, column: 'email', value: 'taken@x.io', message: 'duplicates a stored record' },
      { row: 3, column: 'code,region', value: 'c1,eu', message: 'duplicates a stored record' },
    ]);
    expect(out.rows).toEqual([4]);
    expect(() => pipeline.rememberStored(['name'], [])).toThrow();
  });
});
