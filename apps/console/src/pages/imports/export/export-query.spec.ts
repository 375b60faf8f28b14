import { describe, expect, it } from '@jest/globals';
import { exportRequest, exportSelection, filterText } from './export-query';

describe('the export page query', () => {
  it('reads a record list query: filter[col][op], col=value as eq, sort and fields; paging is dropped', () => {
    const query = new URLSearchParams(
      'table=customers&filter[age][gt]=30&filter[name][icontains]=an&country=NL&sort=-age&fields=email,age&cursor=abc&pageSize=50',
    );
    const selection = exportSelection(query);
    expect(selection).toEqual({
      table: 'customers',
      filter: { age: { gt: '30' }, name: { icontains: 'an' }, country: { eq: 'NL' } },
      sort: '-age',
      fields: 'email,age',
      dropped: [],
    });
    expect(exportRequest(selection, 'csv')).toEqual({
      table: 'customers',
      format: 'csv',
      filter: selection.filter,
      sort: '-age',
      fields: 'email,age',
    });
    expect(filterText(selection.filter)).toEqual(['age > 30', 'name contains (any case) an', 'country is NL']);
  });

  it('says that a search is not applied, and sends no empty filter', () => {
    const selection = exportSelection(new URLSearchParams('table=t&search=bob'));
    expect(selection.dropped).toEqual(['the search “bob” (an export takes filters, not a search)']);
    expect(exportRequest(selection, 'json')).toEqual({ table: 't', format: 'json' });
  });
});
