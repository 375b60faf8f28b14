import { describe, expect, it } from '@jest/globals';
import { autoMapping, mappingProblems, TableColumn } from './table-columns';

const column = (name: string, extra: Partial<TableColumn> = {}): TableColumn => ({
  name,
  type: 'string',
  required: false,
  unique: false,
  hasDefault: false,
  ...extra,
});

describe('header mapping', () => {
  const columns = [
    column('email', { required: true }),
    column('first_name'),
    column('score', { hasDefault: true, required: true }),
  ];

  it('matches headers as the import does: exact name, then ignoring case, spaces and underscores', () => {
    expect(autoMapping(['email', 'First Name', 'E-mail', ''], columns)).toEqual({
      email: 'email',
      'First Name': 'first_name',
      'E-mail': null,
    });
  });

  it('gives a column to one header only, and matches two columns that fold alike loosely to neither', () => {
    expect(autoMapping(['email', 'EMAIL'], columns)).toEqual({ email: 'email', EMAIL: null });
    expect(autoMapping(['A B'], [column('a_b'), column('ab')])).toEqual({ 'A B': null });
  });

  it('names headers sent to a column twice, and required columns without a default that no header fills', () => {
    expect(mappingProblems({ a: 'first_name', b: 'first_name' }, columns)).toEqual({
      byHeader: { b: '"a" already goes to first_name: choose another column or ignore one of them.' },
      missing: ['email'],
    });
    expect(mappingProblems({ mail: 'email' }, columns)).toEqual({ byHeader: {}, missing: [] });
  });
});
