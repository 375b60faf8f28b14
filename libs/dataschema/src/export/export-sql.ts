import { EMPTY_DEFINITION, SchemaDefinition } from '../definition/schema-definition';
import { planMigration } from '../planner/plan-migration';

/** The statements that create a definition from nothing: the planner's own path from an empty schema. */
export function definitionStatements(definition: SchemaDefinition, schema: string): string[] {
  return planMigration(EMPTY_DEFINITION, definition, { schema }).operations.flatMap((op) => op.up);
}

/** The SQL DDL export of a definition (ids assigned), qualified with the tenant's schema. */
export function exportSql(definition: SchemaDefinition, schema: string): string {
  return `${planMigration(EMPTY_DEFINITION, definition, { schema }).up}\n`;
}
