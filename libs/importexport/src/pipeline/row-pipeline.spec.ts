import { compileRecordTable, TableDefinition } from '@app/dataschema';
import { CellValue, DecodedItem } from '../decode/decoded-item';
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
