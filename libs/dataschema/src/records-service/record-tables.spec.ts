import { TenantContext } from '@app/core';
import { SchemaDefinition } from '../definition/schema-definition';
import { RecordTableCache } from '../records/record-table';
import { SAMPLE_DEFINITION } from '../records/testing/sample-table';
import { SchemaReadService } from '../service/schema-read.service';
import { ActiveSchema } from '../versions/schema-version';
import { RecordTables } from './record-tables';

const withIds: SchemaDefinition = {
  tables: SAMPLE_DEFINITION.tables.map((t) => ({ ...t, id: `t_${t.name}` })),
};
const ctx: TenantContext = { tenantId: 'tenant-1', slug: 'acme', schemaName: 'tenant_acme', role: null };

/** `RecordTables` over a stand-in for the active schema cache: whatever version `active` is set to. */
function tablesAt(active: { current: ActiveSchema }) {
  const schemas = { active: async () => active.current } as unknown as SchemaReadService;
  return new RecordTables(schemas);
}

describe('RecordTables', () => {
  it('answers one table of a version as one object, read after read', async () => {
    const tables = tablesAt({ current: { version: 3, definition: withIds } as ActiveSchema });
    const first = await tables.active(ctx, 'things');
    expect(first).toMatchObject({ tableId: 't_things', schemaVersion: 3, definition: withIds.tables[1] });
    expect(first.table.statementScope).toBe('tenant-1:3');
    expect(first.tables.get('companies')).toBe((await tables.active(ctx, 'companies')).table);
    expect(await tables.active(ctx, 'things')).toBe(first);
  });

  it('answers the new version from the first read after it is active', async () => {
    const active = { current: { version: 3, definition: withIds } as ActiveSchema };
    const tables = tablesAt(active);
    const before = await tables.active(ctx, 'things');
    const renamed: SchemaDefinition = {
      tables: withIds.tables.map((t) =>
        t.name === 'things' ? { ...t, columns: [...t.columns, { name: 'extra', type: 'text' as const }] } : t,
      ),
    };
    active.current = { version: 4, definition: renamed } as ActiveSchema;
    const after = await tables.active(ctx, 'things');
    expect(after).not.toBe(before);
    expect(after.schemaVersion).toBe(4);
    expect(after.table.statementScope).toBe('tenant-1:4');
    expect(after.table.columns.has('extra')).toBe(true);
    expect(before.table.columns.has('extra')).toBe(false);
  });

  it('refuses a table the version does not have, and keeps nothing for it', async () => {
    const tables = tablesAt({ current: { version: 3, definition: withIds } as ActiveSchema });
    for (let i = 0; i < 2; i++)
      await expect(tables.active(ctx, 'nope')).rejects.toMatchObject({
        status: 404,
        code: 'TABLE_NOT_FOUND',
        message: expect.stringContaining('nope') as unknown,
      });
  });
});

describe('RecordTableCache', () => {
  const definitionOf = (n: number): SchemaDefinition => ({
    tables: [{ name: `t${n}`, columns: [{ name: 'a', type: 'text' }] }],
  });

  it('keeps one compiled version per tenant, version and schema', () => {
    const cache = new RecordTableCache();
    const a = cache.tables('tenant-1', 'tenant_a', 1, definitionOf(1));
    expect(cache.tables('tenant-1', 'tenant_a', 1, definitionOf(1))).toBe(a);
    expect(cache.tables('tenant-1', 'tenant_a', 2, definitionOf(1))).not.toBe(a);
    expect(cache.tables('tenant-2', 'tenant_a', 1, definitionOf(1))).not.toBe(a);
    const moved = cache.tables('tenant-1', 'tenant_b', 1, definitionOf(1));
    expect(moved).not.toBe(a);
    expect(moved.get('t1')!.qualified).toBe('"tenant_b"."t1"');
    expect(cache.entries).toBe(3);
  });

  it('lets the least recently used version go when full', () => {
    const cache = new RecordTableCache(3);
    const one = cache.tables('tenant-1', 's1', 1, definitionOf(1));
    const two = cache.tables('tenant-2', 's2', 1, definitionOf(2));
    cache.tables('tenant-1', 's1', 2, definitionOf(3));
    expect(cache.tables('tenant-1', 's1', 1, definitionOf(1))).toBe(one);
    cache.tables('tenant-3', 's3', 1, definitionOf(4));
    expect(cache.entries).toBe(3);
    expect(cache.tables('tenant-1', 's1', 1, definitionOf(1))).toBe(one);
    expect(cache.tables('tenant-2', 's2', 1, definitionOf(2))).not.toBe(two);
    expect(cache.entries).toBe(3);
  });
});
