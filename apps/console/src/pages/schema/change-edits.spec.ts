/// <reference types="jest" />
import {
  addColumn,
  addIndex,
  addTable,
  dropColumn,
  dropIndex,
  dropTable,
  indexFieldProblems,
  patchBetween,
  problemsFor,
  updateColumn,
  updateTable,
} from './change-edits';
import { SchemaDefinition } from './definition';

const crm = (): SchemaDefinition => ({
  tables: [
    { id: 't_companies0001', name: 'companies', columns: [{ id: 'c_name00000001', name: 'name', type: 'string' }] },
    {
      id: 't_contacts00001',
      name: 'contacts',
      columns: [
        { id: 'c_email0000001', name: 'email', type: 'email', required: true },
        { id: 'c_company00001', name: 'company', type: 'reference', references: 'companies' },
      ],
      indexes: [{ id: 'i_email0000001', columns: ['email'] }],
    },
  ],
});

describe('the definition a change makes (as the table and column routes make it)', () => {
  it('appends a new table, its problems under tables[n]', () => {
    const change = addTable(crm(), { name: 'deals', columns: [] });
    expect(change.definition.tables.map((t) => t.name)).toEqual(['companies', 'contacts', 'deals']);
    expect(change.prefix).toBe('tables[2]');
  });

  it('renames a table and carries the references to it along', () => {
    const change = updateTable(crm(), 'companies', { name: 'accounts' });
    expect(change.definition.tables[0]).toMatchObject({ id: 't_companies0001', name: 'accounts' });
    expect(change.definition.tables[1].columns[1].references).toBe('accounts');
    expect(change.prefix).toBe('tables[0]');
  });

  it('removes an option set to null', () => {
    const before = crm();
    before.tables[0].description = 'Firms';
    const change = updateTable(before, 'companies', { description: null });
    expect(change.definition.tables[0]).not.toHaveProperty('description');
  });

  it('adds a column at the end, its problems under its own path', () => {
    const change = addColumn(crm(), 'contacts', { name: 'phone', type: 'string' });
    expect(change.definition.tables[1].columns.map((c) => c.name)).toEqual(['email', 'company', 'phone']);
    expect(change.prefix).toBe('tables[1].columns[2]');
  });

  it('renames a column under the same id and carries its indexes along', () => {
    const change = updateColumn(crm(), 'contacts', 'email', { name: 'mail', unique: true });
    expect(change.definition.tables[1].columns[0]).toEqual({
      id: 'c_email0000001',
      name: 'mail',
      type: 'email',
      required: true,
      unique: true,
    });
    expect(change.definition.tables[1].indexes).toEqual([{ id: 'i_email0000001', columns: ['mail'] }]);
    expect(change.prefix).toBe('tables[1].columns[0]');
  });

  it('drops a column with the indexes on it, and a table', () => {
    const column = dropColumn(crm(), 'contacts', 'email');
    expect(column.definition.tables[1].columns.map((c) => c.name)).toEqual(['company']);
    expect(column.definition.tables[1].indexes).toEqual([]);
    expect(column.prefix).toBe('tables[1]');
    expect(dropTable(crm(), 'contacts').definition.tables.map((t) => t.name)).toEqual(['companies']);
  });

  it('says what to do when the table or column is gone', () => {
    expect(() => dropTable(crm(), 'deals')).toThrow('Table deals is no longer in the schema. Reload the page.');
    expect(() => dropColumn(crm(), 'contacts', 'phone')).toThrow('Column phone of contacts');
  });
});

describe('index edits (through PUT /schema: the whole definition)', () => {
  it('appends an index to its table, its problems under tables[i].indexes[k]', () => {
    const change = addIndex(crm(), 'contacts', { columns: ['company', 'created_at'], unique: true });
    expect(change.definition.tables[1].indexes).toEqual([
      { id: 'i_email0000001', columns: ['email'] },
      { columns: ['company', 'created_at'], unique: true },
    ]);
    expect(change.definition.tables[0]).toEqual(crm().tables[0]);
    expect(change.prefix).toBe('tables[1].indexes[1]');
  });

  it("gives a table's first index the position 0", () => {
    expect(addIndex(crm(), 'companies', { columns: ['name'] }).prefix).toBe('tables[0].indexes[0]');
  });

  it('drops an index by its id and keeps the others', () => {
    const change = dropIndex(crm(), 'contacts', 'i_email0000001');
    expect(change.definition.tables[1].indexes).toEqual([]);
    expect(change.definition.tables[1].columns).toEqual(crm().tables[1].columns);
    expect(() => dropIndex(crm(), 'contacts', 'i_gone00000001')).toThrow('no longer in the schema');
  });
});

describe('patchBetween', () => {
  it('sends what changed, null for options taken away, never the id', () => {
    const before = { id: 'c_x', name: 'size', type: 'string', maxLength: 20, required: true };
    const after = { name: 'size', type: 'integer', required: true, default: 0 };
    expect(patchBetween(before, after)).toEqual({ type: 'integer', maxLength: null, default: 0 });
  });

  it('is empty when nothing changed', () => {
    expect(patchBetween({ name: 'a', values: ['x'] }, { name: 'a', values: ['x'] })).toEqual({});
  });
});

describe('problemsFor', () => {
  it("gives the form its fields' problems, relative to the change, and keeps the others", () => {
    const problems = [
      { field: 'tables[2].name', message: '"select" is a word PostgreSQL reserves' },
      { field: 'tables[2].columns[0].type', message: 'must be one of ...' },
      { field: 'tables[2].columns[0].type', message: 'twice' },
      { field: 'tables[1].columns[0].references', message: 'must name a table of this definition' },
    ];
    expect(problemsFor('tables[2]', problems)).toEqual({
      fields: { name: '"select" is a word PostgreSQL reserves', 'columns[0].type': 'must be one of ...; twice' },
      others: [{ field: 'tables[1].columns[0].references', message: 'must name a table of this definition' }],
    });
  });
});

describe('indexFieldProblems', () => {
  it("puts an index's problems, and a duplicate of another index, next to its columns and unique fields", () => {
    const problems = [
      { field: 'tables[1].indexes[1].columns[1]', message: 'must name a column of this table' },
      { field: 'tables[1].indexes[1]', message: 'duplicates tables[1].indexes[0]' },
      { field: 'tables[1].indexes[1].unique', message: 'must be true or false' },
      { field: 'tables[1].indexes[0].columns', message: 'must be a non-empty array' },
    ];
    expect(indexFieldProblems('tables[1].indexes[1]', problems)).toEqual({
      columns: 'duplicates tables[1].indexes[0]; column 2 of the list: must name a column of this table',
      unique: 'must be true or false',
    });
    expect(indexFieldProblems('tables[1].indexes[2]', problems)).toEqual({ columns: undefined, unique: undefined });
  });
});
