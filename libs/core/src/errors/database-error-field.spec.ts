import { columnOfParameter, fieldOfDatabaseError } from './database-error-field';

describe('columnOfParameter', () => {
  const insert =
    'INSERT INTO "users"("id", "username", "first_name", "is_active") VALUES (DEFAULT, $1, $2, $3) RETURNING "id"';

  it('pairs a one-row INSERT’s values with its columns', () => {
    expect(columnOfParameter(insert, 2)).toBe('first_name');
    expect(columnOfParameter(insert, 3)).toBe('is_active');
  });

  it('finds a comparison or assignment, without confusing $1 and $12', () => {
    const update = 'UPDATE "users" SET "phone" = $12, "address" = $1 WHERE "users"."id" = $2';
    expect(columnOfParameter(update, 1)).toBe('address');
    expect(columnOfParameter(update, 12)).toBe('phone');
    expect(columnOfParameter(update, 2)).toBe('id');
  });

  it('is undefined when the statement does not say', () => {
    expect(columnOfParameter('SELECT $1::int', 1)).toBeUndefined();
  });
});

describe('fieldOfDatabaseError', () => {
  it('reads the key of a unique violation, lower() included', () => {
    expect(fieldOfDatabaseError({ code: '23505', detail: 'Key (lower(email::text))=(a@b.c) already exists.' })).toBe(
      'email',
    );
    expect(fieldOfDatabaseError({ code: '23505', detail: 'Key (tenant_id, user_id)=(1, 2) already exists.' })).toBe(
      'tenantId,userId',
    );
  });

  it('reads a default-named check constraint as its column', () => {
    expect(fieldOfDatabaseError({ code: '23514', constraint: 'things_unit_price_check', table: 'things' })).toBe(
      'unitPrice',
    );
  });

  it('finds the over-long parameter of a varchar(n) error', () => {
    const error = { code: '22001', message: 'value too long for type character varying(3)' };
    expect(fieldOfDatabaseError(error, 'INSERT INTO t ("a", "b") VALUES ($1, $2)', ['abc', 'abcd'])).toBe('b');
  });
});
