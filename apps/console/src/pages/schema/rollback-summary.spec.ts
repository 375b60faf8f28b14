/// <reference types="jest" />
import { SchemaDefinition } from './definition';
import { describeComingBack, rollbackSummary } from './rollback-summary';

const v2: SchemaDefinition = {
  tables: [
    { id: 't_companies0001', name: 'companies', columns: [{ id: 'c_name00000001', name: 'name', type: 'string' }] },
    {
      id: 't_contacts00001',
      name: 'contacts',
      columns: [
        { id: 'c_email0000001', name: 'email', type: 'email' },
        { id: 'c_phone0000001', name: 'phone', type: 'string' },
      ],
    },
  ],
};

const v4: SchemaDefinition = {
  tables: [
    {
      id: 't_companies0001',
      name: 'accounts',
      columns: [{ id: 'c_name00000001', name: 'name', type: 'string', maxLength: 80 }],
    },
    { id: 't_deals0000001', name: 'deals', columns: [{ id: 'c_title0000001', name: 'title', type: 'string' }] },
  ],
};

describe('rollbackSummary', () => {
  it('names what comes back (with the rows kept aside), what goes, renames and changes', () => {
    const summary = rollbackSummary(v4, v2, [
      { id: 't_contacts00001', rows: 3 },
      { id: 't_deals0000001', rows: 0 },
    ]);
    expect(summary.comesBack).toEqual([{ kind: 'table', table: 'contacts', rows: 3 }]);
    expect(summary.goesAway).toEqual([{ kind: 'table', table: 'deals' }]);
    expect(summary.renamed).toEqual([{ kind: 'table', from: 'accounts', to: 'companies' }]);
    expect(summary.changed).toEqual(['companies.name']);
    expect(describeComingBack(summary.comesBack[0])).toBe('table contacts with its 3 rows');
  });

  it('finds columns that come back and go, by id', () => {
    const without = { tables: [{ ...v2.tables[1], columns: [v2.tables[1].columns[0]] }] };
    const back = rollbackSummary(without, { tables: [v2.tables[1]] }, [{ id: 'c_phone0000001', rows: 1 }]);
    expect(back.comesBack).toEqual([{ kind: 'column', table: 'contacts', column: 'phone', rows: 1 }]);
    expect(describeComingBack(back.comesBack[0])).toBe('column contacts.phone with its values in 1 row');
    const away = rollbackSummary({ tables: [v2.tables[1]] }, without, []);
    expect(away.goesAway).toEqual([{ kind: 'column', table: 'contacts', column: 'phone' }]);
  });

  it('says a purged item comes back empty, and does not count rows it could not read', () => {
    const purged = rollbackSummary({ tables: [] }, v2, []);
    expect(describeComingBack(purged.comesBack[0])).toBe('table companies (empty: nothing was kept for it)');
    const unknown = rollbackSummary({ tables: [] }, v2, null);
    expect(describeComingBack(unknown.comesBack[0])).toBe('table companies');
  });
});
