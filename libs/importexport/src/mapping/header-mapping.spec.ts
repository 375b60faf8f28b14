import { compileRecordTable } from '@app/dataschema';
import { ImportFileError } from '../import-file.errors';
import { HeaderResolver, resolveHeader } from './header-mapping';

const table = compileRecordTable('t', {
  name: 'people',
  columns: [
    { name: 'email', type: 'email', required: true },
    { name: 'first_name', type: 'string' },
    { name: 'active', type: 'boolean', required: true, default: true },
  ],
});

const names = (headers: string[], mapping?: Record<string, string | null>) =>
  resolveHeader(headers, new HeaderResolver(table, mapping), table).columns.map((c) => c?.name ?? null);

function failure(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (error) {
    return error as ImportFileError;
  }
  throw new Error('expected a failure');
}

describe('header mapping', () => {
  it('matches exact names first, then case, spaces and underscores ignored', () => {
    expect(names(['email', 'First Name', 'ACTIVE'])).toEqual(['email', 'first_name', 'active']);
    expect(names(['EMAIL', ' firstname '])).toEqual(['email', 'first_name']);
  });

  it('follows an explicit mapping, and ignores headers mapped to null', () => {
    expect(
      names(['E-mail address', 'Notes', 'Vorname'], { 'E-mail address': 'email', Notes: null, Vorname: 'first_name' }),
    ).toEqual(['email', null, 'first_name']);
  });

  it('ignores empty header cells (a trailing delimiter)', () => {
    expect(names(['email', ''])).toEqual(['email', null]);
  });

  it('fails listing every unknown header at once', () => {
    const error = failure(() => names(['email', 'Phone', 'Fax']));
    expect(error.code).toBe('UNKNOWN_HEADERS');
    expect(error.details).toEqual([
      { field: 'Phone', message: 'matches no column' },
      { field: 'Fax', message: 'matches no column' },
    ]);
  });

  it('refuses system columns as headers: id is not writable', () => {
    expect(failure(() => names(['email', 'id'])).code).toBe('UNKNOWN_HEADERS');
  });

  it('fails two headers that land on one column', () => {
    expect(failure(() => names(['email', 'first_name', 'First Name'])).code).toBe('DUPLICATE_HEADERS');
  });

  it('fails a file without a column that every row needs (required, no default)', () => {
    const error = failure(() => names(['first_name']));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.details).toEqual([{ field: 'email', message: 'is required and has no header in the file' }]);
  });

  it('refuses a mapping to a column that does not exist', () => {
    expect(failure(() => new HeaderResolver(table, { Mail: 'mail' })).code).toBe('INVALID_MAPPING');
  });
});
