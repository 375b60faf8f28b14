import { validateDefinition } from '../definition/definition-validator';
import { assignIds } from '../definition/id-assigner';
import { EMPTY_DEFINITION } from '../definition/schema-definition';
import { planMigration } from '../planner/plan-migration';
import { SCHEMA_TEMPLATES } from './schema-templates';

describe('schema templates', () => {
  it('offers a CRM and an inventory', () => {
    expect(SCHEMA_TEMPLATES.map((t) => t.key)).toEqual(['crm', 'inventory']);
    const crm = SCHEMA_TEMPLATES[0].definition.tables;
    expect(crm.map((t) => t.name)).toEqual(['companies', 'contacts', 'deals']);
    expect(crm[1].columns.find((c) => c.type === 'reference')?.references).toBe('companies');
  });

  it.each(SCHEMA_TEMPLATES.map((t) => [t.key, t] as const))(
    '%s is valid and plans from an empty schema',
    (_key, template) => {
      expect(validateDefinition(template.definition).errors).toEqual([]);
      const withIds = assignIds(template.definition, EMPTY_DEFINITION);
      expect(validateDefinition(withIds).errors).toEqual([]);
      const plan = planMigration(EMPTY_DEFINITION, withIds, { schema: 'tenant_t' });
      expect(plan.operations.filter((op) => op.kind === 'createTable')).toHaveLength(template.definition.tables.length);
    },
  );
});
