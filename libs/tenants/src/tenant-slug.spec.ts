import { toTenantSchemaName } from '@app/core';
import { TENANT_SLUG_PATTERN } from './tenant-slug';

describe('tenant slug', () => {
  it.each(['acme', 'a_1', 'abc', 't_' + 'x'.repeat(39), 'acme_corp_2'])('accepts %j', (slug) => {
    expect(TENANT_SLUG_PATTERN.test(slug)).toBe(true);
  });

  it.each(['ab', 'Acme', '1acme', '_acme', 'ac-me', 'ac me', 'acmé', 'a'.repeat(42), '', 'acme\n'])(
    'refuses %j',
    (slug) => {
      expect(TENANT_SLUG_PATTERN.test(slug)).toBe(false);
    },
  );

  it('always gives a schema name Postgres can hold (63 bytes)', () => {
    expect(toTenantSchemaName('a'.repeat(41)).length).toBeLessThanOrEqual(63);
  });
});
