import { AppException } from '@app/core';
import { DEFAULT_USER_ORDERING, parseUserOrdering } from './user-ordering';

describe('parseUserOrdering', () => {
  it('defaults to createdAt ascending when empty or absent', () => {
    expect(parseUserOrdering(undefined)).toEqual(DEFAULT_USER_ORDERING);
    expect(parseUserOrdering('')).toEqual(DEFAULT_USER_ORDERING);
    expect(parseUserOrdering(' , ')).toEqual(DEFAULT_USER_ORDERING);
    expect(DEFAULT_USER_ORDERING).toEqual([{ column: 'created_at', direction: 'ASC' }]);
  });

  it('maps fields to columns with - for descending, in the given order', () => {
    expect(parseUserOrdering('-createdAt, username,lastLoginAt')).toEqual([
      { column: 'created_at', direction: 'DESC' },
      { column: 'username', direction: 'ASC' },
      { column: 'last_login_at', direction: 'ASC' },
    ]);
    expect(parseUserOrdering('firstName,-lastName,-updatedAt,email')).toEqual([
      { column: 'first_name', direction: 'ASC' },
      { column: 'last_name', direction: 'DESC' },
      { column: 'updated_at', direction: 'DESC' },
      { column: 'email', direction: 'ASC' },
    ]);
  });

  it('keeps the first mention of a repeated field', () => {
    expect(parseUserOrdering('-email,email')).toEqual([{ column: 'email', direction: 'DESC' }]);
  });

  it.each([
    'password',
    'passwordHash',
    'password_hash',
    'created_at',
    'id;drop',
    '--createdAt',
    'toString',
    '__proto__',
  ])('refuses %s with a 400 naming it', (field) => {
    let error: unknown;
    try {
      parseUserOrdering(`username,${field}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppException);
    const app = error as AppException;
    expect(app.status).toBe(400);
    expect(app.code).toBe('VALIDATION_FAILED');
    expect(app.message).toContain(field.replace(/^-/, ''));
    expect(app.details?.[0]).toMatchObject({ field: 'ordering' });
  });
});
