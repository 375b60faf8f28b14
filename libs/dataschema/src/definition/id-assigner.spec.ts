import { assignIds } from './id-assigner';
import { ID_PATTERN } from './schema-ids';
import { SchemaDefinition } from './schema-definition';

const previous: SchemaDefinition = {
  tables: [
    {
      id: 't_customers',
      name: 'customers',
      columns: [
        { id: 'c_email0001', name: 'email', type: 'email' },
        { id: 'c_name00001', name: 'name', type: 'string' },
      ],
      indexes: [{ id: 'i_byname001', columns: ['name'] }],
    },
  ],
};

describe('assignIds', () => {
  it('gives short, safe, distinct ids to a new definition', () => {
    const result = assignIds(
      { tables: [{ name: 'a', columns: [{ name: 'x', type: 'text' }], indexes: [{ columns: ['x'] }] }] },
      { tables: [] },
    );
    const ids = [result.tables[0].id, result.tables[0].columns[0].id, result.tables[0].indexes![0].id];
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    expect(ids.map((id) => id![0])).toEqual(['t', 'c', 'i']);
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps ids sent back, so that a new name under a kept id is a rename', () => {
    const result = assignIds(
      {
        tables: [
          {
            id: 't_customers',
            name: 'clients',
            columns: [{ id: 'c_email0001', name: 'mail', type: 'email' }],
            indexes: [{ id: 'i_byname001', columns: ['mail'] }],
          },
        ],
      },
      previous,
    );
    expect(result.tables[0].id).toBe('t_customers');
    expect(result.tables[0].columns[0].id).toBe('c_email0001');
    expect(result.tables[0].indexes![0].id).toBe('i_byname001');
  });

  it('matches items sent without ids by name (and indexes by their columns)', () => {
    const result = assignIds(
      {
        tables: [
          {
            name: 'customers',
            columns: [
              { name: 'name', type: 'text' },
              { name: 'email', type: 'email' },
            ],
            indexes: [{ columns: ['name'] }],
          },
        ],
      },
      previous,
    );
    expect(result.tables[0].id).toBe('t_customers');
    expect(result.tables[0].columns.map((c) => c.id)).toEqual(['c_name00001', 'c_email0001']);
    expect(result.tables[0].indexes![0].id).toBe('i_byname001');
  });

  it('replaces unknown ids, ids of another table and repeated ids with new ones', () => {
    const result = assignIds(
      {
        tables: [
          { id: 't_unknown01', name: 'other', columns: [{ id: 'c_email0001', name: 'email', type: 'email' }] },
          {
            id: 't_customers',
            name: 'customers',
            columns: [
              { id: 'c_email0001', name: 'email', type: 'email' },
              { id: 'c_email0001', name: 'again', type: 'email' },
            ],
          },
        ],
      },
      previous,
    );
    const [other, customers] = result.tables;
    expect(other.id).not.toBe('t_unknown01');
    expect(other.columns[0].id).not.toBe('c_email0001');
    expect(customers.columns[0].id).toBe('c_email0001');
    expect(customers.columns[1].id).not.toBe('c_email0001');
  });

  it('keeps the id of a set-aside column sent back, so that it is restored', () => {
    const result = assignIds(
      {
        tables: [
          { id: 't_customers', name: 'customers', columns: [{ id: 'c_phone0001', name: 'phone', type: 'text' }] },
        ],
      },
      previous,
      [
        {
          kind: 'column',
          id: 'c_phone0001',
          tableId: 't_customers',
          asideName: '_dropped_c_phone0001',
          column: { id: 'c_phone0001', name: '_dropped_c_phone0001', type: 'text', required: false, unique: false },
        },
      ],
    );
    expect(result.tables[0].columns[0].id).toBe('c_phone0001');
  });
});
