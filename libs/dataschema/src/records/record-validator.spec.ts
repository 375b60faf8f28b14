import { assertValidRecord, validateRecord } from './record-validator';
import { sampleTable } from './testing/sample-table';

const table = sampleTable();
const UUID = '0190a8e2-7b1c-7d3e-8f00-123456789abc';

const accepted = (input: Record<string, unknown>) => {
  const result = validateRecord(table, { label: 'x', ...input }, 'create');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.row;
};
const refusal = (input: Record<string, unknown>, mode: 'create' | 'replace' | 'patch' = 'patch') => {
  const result = validateRecord(table, input, mode);
  return result.ok ? undefined : result.errors;
};

describe('validateRecord coercion', () => {
  it.each([
    ['qty', '42', 42],
    ['qty', ' -7 ', -7],
    ['qty', 2147483647, 2147483647],
    ['big', '9223372036854775807', '9223372036854775807'],
    ['big', 12, '12'],
    ['big', '+0012', '12'],
    ['price', '1234.56', '1234.56'],
    ['price', 12.5, '12.5'],
    ['price', '0001234.5', '0001234.5'],
    ['ratio', '1.5e3', 1500],
    ['ratio', 0.1, 0.1],
    ['active', 'true', true],
    ['active', 'FALSE', false],
    ['active', false, false],
    ['born', '2024-02-29', '2024-02-29'],
    ['seen_at', '2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z'],
    ['seen_at', '2024-05-01T12:00:00.123456+02:00', '2024-05-01T12:00:00.123456+02:00'],
    ['seen_at', '2024-05-01 12:00:00.5+00', '2024-05-01 12:00:00.5+00'],
    ['token', UUID.toUpperCase(), UUID],
    ['company', UUID, UUID],
    ['meta', { a: [1, 'b', null] }, '{"a":[1,"b",null]}'],
    ['meta', 'plain', '"plain"'],
    ['meta', 0, '0'],
    ['email', 'ann@example.com', 'ann@example.com'],
    ['site', 'https://example.com/a?b=c', 'https://example.com/a?b=c'],
    ['status', 'lead', 'lead'],
    ['body', 12, '12'],
    ['label', 'ééééé', 'ééééé'],
    ['label', '😀😀😀😀😀', '😀😀😀😀😀'],
  ])('%s accepts %j as %j', (field, value, expected) => {
    expect(accepted({ [field]: value })[field]).toEqual(expected);
  });

  it.each([
    ['qty', '4.5', 'must be an integer'],
    ['qty', '2147483648', 'must be an integer'],
    ['qty', 'abc', 'must be an integer'],
    ['qty', true, 'must be an integer'],
    ['big', '9223372036854775808', 'must be an integer'],
    ['big', 2 ** 60, 'must be an integer'],
    ['price', '12345.6', 'at most 4 digits before the decimal point'],
    ['price', 'NaN', 'must be a decimal number'],
    ['price', '1,5', 'must be a decimal number'],
    ['ratio', 'Infinity', 'must be a finite number'],
    ['active', 'yes', 'must be true or false'],
    ['active', 1, 'must be true or false'],
    ['born', '2023-02-29', 'must be a date'],
    ['born', '2024-1-5', 'must be a date'],
    ['seen_at', '2024-05-01T12:00:00', 'with a time zone'],
    ['seen_at', '2024-05-01T25:00:00Z', 'with a time zone'],
    ['token', 'not-a-uuid', 'must be a UUID'],
    ['company', 42, 'must be a UUID'],
    ['email', 'ann@', 'must be a valid email'],
    ['email', 'ann @example.com', 'must be a valid email'],
    ['site', 'javascript:alert(1)', 'must be a valid http or https URL'],
    ['site', 'example.com', 'must be a valid http or https URL'],
    ['status', 'LEAD', 'must be one of lead, customer'],
    ['label', 'sixsix', 'must be at most 5 characters'],
    ['label', '😀😀😀😀😀😀', 'must be at most 5 characters'],
    ['body', 'a\u0000b', 'NUL'],
    ['label', '\u0000', 'NUL'],
    ['email', 'a\u0000@b.c', 'NUL'],
    ['body', '\ud800x', 'lone surrogate'],
    ['meta', { k: 'a\u0000' }, 'NUL'],
    ['meta', { ['k\u0000']: 1 }, 'NUL'],
    ['body', { an: 'object' }, 'must be a string'],
  ])('%s refuses %j', (field, value, message) => {
    expect(refusal({ [field]: value })).toEqual([{ field, message: expect.stringContaining(message) }]);
  });
});

describe('validateRecord modes', () => {
  it('needs every required column without a default on create, and names each', () => {
    expect(refusal({}, 'create')).toEqual([{ field: 'label', message: 'is required' }]);
    expect(refusal({ label: null }, 'create')).toEqual([{ field: 'label', message: 'is required' }]);
  });

  it('refuses null for a required column even in a patch, and allows it for an optional one', () => {
    expect(refusal({ active: null })).toEqual([{ field: 'active', message: 'is required' }]);
    expect(validateRecord(table, { qty: null }, 'patch')).toEqual({ ok: true, row: { qty: null } });
  });

  it('patches only what is given', () => {
    expect(validateRecord(table, { qty: '3' }, 'patch')).toEqual({ ok: true, row: { qty: 3 } });
  });

  it('leaves omitted columns out on create, so the database default applies', () => {
    expect(validateRecord(table, { label: 'a' }, 'create')).toEqual({ ok: true, row: { label: 'a' } });
  });

  it('resets omitted columns on replace: their default, else null', () => {
    const result = validateRecord(table, { label: 'a', qty: 1 }, 'replace');
    expect(result.ok && result.row).toEqual({
      label: 'a',
      qty: 1,
      body: null,
      big: null,
      price: null,
      ratio: null,
      active: true,
      born: null,
      seen_at: null,
      token: null,
      meta: null,
      email: null,
      site: null,
      status: null,
      company: null,
    });
  });

  it('refuses unknown fields and system columns, all problems at once', () => {
    expect(
      refusal({ id: 'x', created_at: 'x', updated_by: 'x', nope: 1, qty: 'x', ['a'.repeat(500)]: 1 }, 'create'),
    ).toEqual([
      { field: 'id', message: 'is read-only' },
      { field: 'created_at', message: 'is read-only' },
      { field: 'updated_by', message: 'is read-only' },
      { field: 'nope', message: 'is not a column of this table' },
      { field: 'qty', message: expect.stringContaining('integer') },
      { field: `${'a'.repeat(80)}…`, message: 'is not a column of this table' },
      { field: 'label', message: 'is required' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'x', 3]) {
      expect(refusal(body as never)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    }
  });

  it('does not treat __proto__ or inherited keys as columns', () => {
    const input = JSON.parse('{"label":"a","__proto__":{"qty":1}}');
    expect(refusal(input, 'create')).toEqual([{ field: '__proto__', message: 'is not a column of this table' }]);
  });

  it('throws a 400 VALIDATION_FAILED with the details', () => {
    expect(() => assertValidRecord(table, { qty: 'x' }, 'create')).toThrow(
      expect.objectContaining({ status: 400, code: 'VALIDATION_FAILED', details: expect.any(Array) }),
    );
  });
});
