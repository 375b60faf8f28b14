import { compareCatalogs } from './catalog-compare';
import { withoutSchema } from './catalog-reader';
import { CatalogTable } from './catalog-snapshot';

const table = (over: Partial<CatalogTable> = {}): CatalogTable => ({
  name: 'items',
  comment: null,
  columns: [{ name: 'qty', type: 'integer', notNull: false, default: null, comment: null }],
  indexes: [{ name: 'i_a_idx', definition: 'CREATE INDEX i_a_idx ON items USING btree (qty)' }],
  constraints: [],
  triggers: [],
  ...over,
});

describe('compareCatalogs', () => {
  it('finds nothing between equal snapshots', () => {
    expect(compareCatalogs({ tables: [table()] }, { tables: [table()] })).toEqual([]);
  });

  it('lists missing and extra tables, columns and objects, and changed properties', () => {
    const actual = table({
      comment: 'x',
      columns: [
        { name: 'qty', type: 'bigint', notNull: true, default: '0', comment: null },
        { name: 'extra', type: 'text', notNull: false, default: null, comment: null },
      ],
      indexes: [],
      constraints: [{ name: 'c_x_check', definition: 'CHECK (true)' }],
    });
    expect(
      compareCatalogs({ tables: [table(), table({ name: 'gone' })] }, { tables: [actual, table({ name: 'new' })] }),
    ).toEqual([
      { kind: 'tableComment', table: 'items', expected: null, actual: 'x' },
      { kind: 'columnType', table: 'items', column: 'qty', expected: 'integer', actual: 'bigint' },
      { kind: 'columnNotNull', table: 'items', column: 'qty', expected: 'false', actual: 'true' },
      { kind: 'columnDefault', table: 'items', column: 'qty', expected: null, actual: '0' },
      { kind: 'column', table: 'items', column: 'extra', expected: null, actual: 'text' },
      { kind: 'index', table: 'items', expected: 'CREATE INDEX i_a_idx ON items USING btree (qty)', actual: null },
      { kind: 'constraint', table: 'items', expected: null, actual: 'CHECK (true)' },
      { kind: 'table', table: 'gone', expected: 'gone', actual: null },
      { kind: 'table', table: 'new', expected: null, actual: 'new' },
    ]);
  });
});

describe('withoutSchema', () => {
  it('removes the schema qualifier, quoted or not, and nothing else', () => {
    expect(withoutSchema('REFERENCES tenant_a.companies(id)', 'tenant_a')).toBe('REFERENCES companies(id)');
    expect(withoutSchema('ON "ten ant".x', 'ten ant')).toBe('ON x');
    expect(withoutSchema('ON xtenant_a.x, tenant_ab.y', 'tenant_a')).toBe('ON xtenant_a.x, tenant_ab.y');
  });
});
