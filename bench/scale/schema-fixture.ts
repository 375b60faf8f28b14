/**
 * Deterministic schema definitions for the scale bench: `count` tables of nine columns each (the
 * common types, a unique column, an enum, a reference to the table before), with one index.
 */
export interface FixtureTable {
  name: string;
  description: string;
  columns: Array<Record<string, unknown>>;
  indexes: Array<{ columns: string[]; unique?: boolean }>;
}

export const fixtureTableName = (index: number) => `items_${String(index + 1).padStart(3, '0')}`;

export function fixtureTable(index: number): FixtureTable {
  const columns: Array<Record<string, unknown>> = [
    { name: 'title', type: 'string', maxLength: 200, required: true },
    { name: 'code', type: 'string', maxLength: 40, unique: true },
    { name: 'status', type: 'enum', values: ['draft', 'active', 'archived'], default: 'draft', required: true },
    { name: 'amount', type: 'decimal', precision: 12, scale: 2, default: 0 },
    { name: 'quantity', type: 'integer' },
    { name: 'notes', type: 'text', description: 'Free text' },
    { name: 'active', type: 'boolean', default: true },
    { name: 'due_on', type: 'date' },
  ];
  if (index > 0)
    columns.push({ name: 'parent', type: 'reference', references: fixtureTableName(index - 1), onDelete: 'setNull' });
  return {
    name: fixtureTableName(index),
    description: `Bench table ${index + 1}`,
    columns,
    indexes: [{ columns: ['status', 'due_on'] }],
  };
}

/** The first `count` fixture tables. */
export const fixtureTables = (count: number): FixtureTable[] =>
  Array.from({ length: count }, (_, i) => fixtureTable(i));
