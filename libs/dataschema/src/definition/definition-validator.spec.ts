import { validateDefinition } from './definition-validator';
import { SchemaLimits } from './schema-limits';

const table = (columns: unknown[], extra: Record<string, unknown> = {}) => ({ name: 'customers', columns, ...extra });
const errorsOf = (input: unknown, limits?: SchemaLimits) => validateDefinition(input, limits).errors;
const columnErrors = (column: Record<string, unknown>) => errorsOf({ tables: [table([column])] });

describe('validateDefinition', () => {
  it('accepts the example of the API contract', () => {
    const result = validateDefinition({
      tables: [
        { name: 'companies', columns: [{ name: 'name', type: 'string', required: true }] },
        {
          name: 'customers',
          description: 'People who buy',
          columns: [
            { name: 'email', type: 'email', required: true, unique: true },
            { name: 'first_name', type: 'string', maxLength: 100, required: true },
            { name: 'last_name', type: 'string' },
            { name: 'score', type: 'decimal', precision: 10, scale: 2, default: 0 },
            { name: 'status', type: 'enum', values: ['lead', 'customer'] },
            { name: 'company', type: 'reference', references: 'companies', onDelete: 'restrict' },
          ],
          indexes: [{ columns: ['last_name', 'first_name'], unique: false }],
        },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.definition?.tables).toHaveLength(2);
  });

  it('reports every problem at once, each with its path', () => {
    const errors = errorsOf({
      tables: [
        { name: 'ok', columns: [] },
        {
          name: 'select',
          columns: [
            { name: 'a', type: 'string' },
            { name: 'b', type: 'nope' },
            { name: 'a', type: 'integer' },
            { name: 'Bad Name', type: 'text' },
          ],
        },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'tables[1].name',
      'tables[1].columns[1].type',
      'tables[1].columns[2].name',
      'tables[1].columns[3].name',
    ]);
    expect(errors[2].message).toBe('duplicates tables[1].columns[0].name');
  });

  describe('hostile and invalid names', () => {
    it.each([
      ['a quote', 'we"ird', /lower-case letter/],
      ['a single quote', "it's", /lower-case letter/],
      ['a semicolon', 'a;b', /lower-case letter/],
      ['an injection', '"; DROP TABLE x; --', /lower-case letter/],
      ['unicode', 'kundenüberblick', /lower-case letter/],
      ['an emoji', 'tab🎉', /lower-case letter/],
      ['64 bytes', 'a'.repeat(64), /at most 63 bytes/],
      ['64 bytes of unicode', 'é'.repeat(32), /at most 63 bytes/],
      ['a reserved word', 'select', /reserves/],
      ['another reserved word', 'user', /reserves/],
      ['the pg_ prefix', 'pg_stats', /pg_/],
      ['the _ prefix', '_dropped_t_abc', /_/],
      ['upper case', 'Customers', /lower-case letter/],
      ['a leading digit', '1st', /lower-case letter/],
      ['empty', '', /non-empty/],
      ['not a string', 42, /non-empty string/],
    ])('refuses %s as a table and as a column name', (_what, name, message) => {
      const asTable = errorsOf({ tables: [{ name, columns: [] }] });
      expect(asTable).toEqual([{ field: 'tables[0].name', message: expect.stringMatching(message) }]);
      const asColumn = columnErrors({ name, type: 'text' });
      expect(asColumn).toEqual([{ field: 'tables[0].columns[0].name', message: expect.stringMatching(message) }]);
    });

    it('accepts 63-byte names and non-reserved words', () => {
      for (const name of ['a'.repeat(63), 'name', 'type', 'status', 'data', 'key', 'level', 'comment']) {
        expect(columnErrors({ name, type: 'text' })).toEqual([]);
      }
    });

    it.each(['id', 'created_at', 'updated_at', 'created_by', 'updated_by'])('refuses the system column %s', (name) => {
      expect(columnErrors({ name, type: 'uuid' })).toEqual([
        { field: 'tables[0].columns[0].name', message: `"${name}" is a system column every table has` },
      ]);
    });

    it('refuses two tables of one name', () => {
      expect(errorsOf({ tables: [table([]), table([])] })).toEqual([
        { field: 'tables[1].name', message: 'duplicates tables[0].name' },
      ]);
    });
  });

  describe('types and options', () => {
    it('refuses an option of another type and an unknown property', () => {
      expect(columnErrors({ name: 'a', type: 'text', maxLength: 10, colour: 'red' })).toEqual([
        { field: 'tables[0].columns[0].maxLength', message: 'applies only to string columns' },
        { field: 'tables[0].columns[0].colour', message: 'is not a known property' },
      ]);
    });

    it.each([
      [{ name: 'a', type: 'string', maxLength: 0 }, 'maxLength'],
      [{ name: 'a', type: 'string', maxLength: 1.5 }, 'maxLength'],
      [{ name: 'a', type: 'decimal', precision: 0 }, 'precision'],
      [{ name: 'a', type: 'decimal', scale: 2 }, 'scale'],
      [{ name: 'a', type: 'decimal', precision: 4, scale: 5 }, 'scale'],
      [{ name: 'a', type: 'enum' }, 'values'],
      [{ name: 'a', type: 'enum', values: [] }, 'values'],
      [{ name: 'a', type: 'enum', values: ['x', ''] }, 'values'],
      [{ name: 'a', type: 'enum', values: ['x', 'x'] }, 'values'],
      [{ name: 'a', type: 'reference' }, 'references'],
      [{ name: 'a', type: 'reference', references: 'ghosts' }, 'references'],
      [{ name: 'a', type: 'reference', references: 'customers', onDelete: 'explode' }, 'onDelete'],
      [{ name: 'a', type: 'reference', references: 'customers', onDelete: 'setNull', required: true }, 'onDelete'],
      [{ name: 'a', type: 'text', required: 'yes' }, 'required'],
      [{ name: 'a', type: 'text', unique: 1 }, 'unique'],
    ])('refuses %j at %s', (column, field) => {
      expect(columnErrors(column).map((e) => e.field)).toEqual([`tables[0].columns[0].${field}`]);
    });

    it('accepts a self-reference', () => {
      expect(columnErrors({ name: 'parent', type: 'reference', references: 'customers', onDelete: 'setNull' })).toEqual(
        [],
      );
    });
  });

  describe('defaults', () => {
    it.each([
      ['string', { maxLength: 3 }, 'abc'],
      ['text', {}, "it's; --"],
      ['integer', {}, -2147483648],
      ['bigint', {}, '9223372036854775807'],
      ['decimal', { precision: 5, scale: 2 }, 999.99],
      ['decimal', { precision: 5, scale: 2 }, '-1.50'],
      ['float', {}, 1.25],
      ['boolean', {}, false],
      ['date', {}, '2024-02-29'],
      ['timestamp', {}, '2024-01-01T10:00:00Z'],
      ['uuid', {}, '0190a6e4-0000-7000-8000-000000000000'],
      ['json', {}, { a: [1, 'x'] }],
      ['email', {}, 'a@b.co'],
      ['url', {}, 'https://example.com/x'],
      ['enum', { values: ['lead', 'customer'] }, 'lead'],
      ['integer', {}, null],
    ])('accepts a %s default %j', (type, options, value) => {
      expect(columnErrors({ name: 'a', type, ...options, default: value })).toEqual([]);
    });

    it.each([
      ['string', { maxLength: 3 }, 'abcd'],
      ['text', {}, 5],
      ['text', {}, 'a\u0000b'],
      ['integer', {}, 2147483648],
      ['integer', {}, 1.5],
      ['bigint', {}, '9223372036854775808'],
      ['decimal', { precision: 5, scale: 2 }, 1000],
      ['decimal', { precision: 5, scale: 2 }, 1.234],
      ['decimal', {}, 'ten'],
      ['float', {}, 'x'],
      ['boolean', {}, 'true'],
      ['date', {}, '2023-02-29'],
      ['timestamp', {}, '2024-01-01 10:00'],
      ['uuid', {}, 'not-a-uuid'],
      ['json', {}, { a: '\u0000' }],
      ['email', {}, 'nobody'],
      ['url', {}, 'javascript:alert(1)'],
      ['enum', { values: ['lead'] }, 'other'],
      ['reference', { references: 'customers' }, '0190a6e4-0000-7000-8000-000000000000'],
    ])('refuses a %s default %j', (type, options, value) => {
      expect(columnErrors({ name: 'a', type, ...options, default: value }).map((e) => e.field)).toEqual([
        'tables[0].columns[0].default',
      ]);
    });
  });

  describe('indexes', () => {
    const columns = [
      { name: 'a', type: 'text' },
      { name: 'b', type: 'text' },
    ];
    it('accepts columns of the table, system columns included', () => {
      expect(errorsOf({ tables: [table(columns, { indexes: [{ columns: ['a', 'created_at'] }] })] })).toEqual([]);
    });

    it('refuses unknown, repeated and missing columns, and a repeated index', () => {
      const errors = errorsOf({
        tables: [
          table(columns, {
            indexes: [{ columns: ['a', 'nope'] }, { columns: ['b', 'b'] }, { columns: [] }, { columns: ['a', 'nope'] }],
          }),
        ],
      });
      expect(errors.map((e) => e.field)).toEqual([
        'tables[0].indexes[0].columns[1]',
        'tables[0].indexes[1].columns[1]',
        'tables[0].indexes[2].columns',
        'tables[0].indexes[3].columns[1]',
        'tables[0].indexes[3]',
      ]);
    });
  });

  describe('ids', () => {
    it('refuses ids that do not look like server ids, and repeated ids', () => {
      const errors = errorsOf({
        tables: [
          { id: 't_"; drop', name: 'a', columns: [{ id: 'c_aaaaaa', name: 'x', type: 'text' }] },
          { id: 'c_aaaaaa', name: 'b', columns: [{ id: 'c_aaaaaa', name: 'y', type: 'text' }] },
        ],
      });
      expect(errors).toEqual([
        { field: 'tables[0].id', message: 'must be an id the server gave, or be left out' },
        { field: 'tables[1].id', message: 'must be an id the server gave, or be left out' },
        { field: 'tables[1].id', message: 'repeats the id of tables[0].columns[0]' },
        { field: 'tables[1].columns[0].id', message: 'repeats the id of tables[0].columns[0]' },
      ]);
    });
  });

  describe('limits', () => {
    const limits = { maxTables: 2, maxColumnsPerTable: 2, maxIndexesPerTable: 1 };
    it('refuses more tables, columns and indexes than the tenant may have', () => {
      const cols = [1, 2, 3].map((n) => ({ name: `c${n}`, type: 'text' }));
      const errors = errorsOf(
        {
          tables: [
            table(cols, { indexes: [{ columns: ['c1'] }, { columns: ['c2'] }] }),
            { name: 'b', columns: [] },
            { name: 'c', columns: [] },
          ],
        },
        limits,
      );
      expect(errors).toEqual([
        { field: 'tables', message: 'must hold at most 2 tables' },
        { field: 'tables[0].columns', message: 'must hold at most 2 columns' },
        { field: 'tables[0].indexes', message: 'must hold at most 1 indexes' },
      ]);
    });
  });

  it.each([null, [], 'x', { tables: 'x' }, { tables: [], extra: 1 }])('refuses the malformed document %j', (input) => {
    expect(validateDefinition(input).valid).toBe(false);
  });
});
