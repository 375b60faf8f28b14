import { assignIds } from '../definition/id-assigner';
import { EMPTY_DEFINITION, SchemaDefinition } from '../definition/schema-definition';
import { planMigration } from '../planner/plan-migration';
import { derivedNames } from './derived-names';

/** Every quoted identifier a statement names after CONSTRAINT, INDEX, TRIGGER or RENAME [COLUMN ...] TO. */
function derivedIdentifiers(sql: string): string[] {
  const pattern = /(?:CONSTRAINT|INDEX|TRIGGER|RENAME TO|RENAME COLUMN "(?:[^"]|"")+" TO) "((?:[^"]|"")+)"/g;
  return [...sql.matchAll(pattern)].map((m) => m[1]);
}

describe('derived names', () => {
  const long = (tag: string) => `${'x'.repeat(60)}_${tag}`;
  const definition = (): SchemaDefinition =>
    assignIds(
      {
        tables: ['a1', 'b1'].map((t) => ({
          name: long(t),
          columns: ['c1', 'c2'].map((c) => ({
            name: long(c),
            type: 'reference' as const,
            references: long('a1'),
            unique: true,
          })),
          indexes: [{ columns: [long('c1'), long('c2')], unique: true }],
        })),
      },
      EMPTY_DEFINITION,
    );

  it('stay within 63 bytes and never collide, however long the names (63 bytes here, sharing 60)', () => {
    const def = definition();
    const created = planMigration(EMPTY_DEFINITION, def, { schema: 'tenant_x' });
    // Index and constraint names share one namespace per schema: all distinct. (Trigger names are per table.)
    const objects = derivedIdentifiers(created.up).filter((n) => !n.startsWith('x') && n !== '_set_updated_at');
    // 2 primary keys, 4 unique indexes, 4 foreign keys, 4 reference indexes, 2 indexes.
    expect(objects).toHaveLength(16);
    expect(new Set(objects).size).toBe(16);

    const withoutColumns: SchemaDefinition = { tables: def.tables.map((t) => ({ ...t, columns: [], indexes: [] })) };
    const asideColumns = derivedIdentifiers(planMigration(def, withoutColumns, { schema: 'tenant_x' }).up);
    const asideTables = derivedIdentifiers(planMigration(def, EMPTY_DEFINITION, { schema: 'tenant_x' }).up);
    const aside = [...asideColumns, ...asideTables].filter((n) => n.startsWith('_dropped_'));
    expect(aside).toHaveLength(6);
    expect(new Set(aside).size).toBe(6);

    for (const name of [...objects, ...aside]) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });

  it('are built from ids only, so renames never touch them', () => {
    expect(derivedNames.uniqueIndex('c_abc123')).toBe('c_abc123_key');
    expect(derivedNames.setAside('t_abc123')).toBe('_dropped_t_abc123');
    const longest = derivedNames.renaming(`t_${'z'.repeat(24)}`);
    expect(Buffer.byteLength(longest)).toBeLessThanOrEqual(63);
  });
});
