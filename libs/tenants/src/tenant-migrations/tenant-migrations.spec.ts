import { SqlQuery } from '@app/core';
import { TenantMigrationStatement } from './tenant-migration';
import { LATEST_TENANT_REVISION, pendingTenantMigrations, TENANT_MIGRATIONS } from './tenant-migrations';

const textOf = (s: TenantMigrationStatement) => (s instanceof SqlQuery ? s.text : s);
const render = (schema: string) => TENANT_MIGRATIONS.flatMap((m) => m.up(schema).map(textOf));

describe('tenant migrations', () => {
  it('are numbered 1, 2, 3, ... with no gap or repeat', () => {
    expect(TENANT_MIGRATIONS.map((m) => m.revision)).toEqual(TENANT_MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_TENANT_REVISION).toBe(TENANT_MIGRATIONS.length);
  });

  it('have distinct names', () => {
    const names = TENANT_MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('create only tables whose names start with _, schema-qualified and quoted', () => {
    const created = render('tenant_acme')
      .map((text) => /^CREATE TABLE (\S+)/.exec(text)?.[1])
      .filter(Boolean);
    expect(created).toEqual([
      '"tenant_acme"."_record_history"',
      '"tenant_acme"."_import_batches"',
      '"tenant_acme"."_record_history_batches"',
    ]);
  });

  it('quote the schema name, so an odd name cannot break out', () => {
    const texts = render('tenant_a"b');
    for (const text of texts) {
      expect(text).toContain('"tenant_a""b".');
      expect(text.replace(/"tenant_a""b"/g, '')).not.toContain('tenant_a');
    }
  });

  it('take no parameters (DDL cannot) and name nothing outside the schema', () => {
    for (const m of TENANT_MIGRATIONS) {
      for (const statement of m.up('tenant_x')) {
        if (statement instanceof SqlQuery) expect(statement.values).toEqual([]);
        expect(textOf(statement)).toMatch(/"tenant_x"\."_/);
      }
    }
  });

  it('lists what a schema still needs', () => {
    expect(pendingTenantMigrations(0).map((m) => m.revision)).toEqual([1, 2, 3, 4]);
    expect(pendingTenantMigrations(1).map((m) => m.revision)).toEqual([2, 3, 4]);
    expect(pendingTenantMigrations(LATEST_TENANT_REVISION)).toEqual([]);
  });
});
