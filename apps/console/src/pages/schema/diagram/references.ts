import { SchemaDefinition } from '../definition';

export interface Reference {
  /** `table.column`, unique in the schema. */
  id: string;
  from: string;
  column: string;
  /** Row of the column in its box. */
  row: number;
  to: string;
}

/** Every reference column as an edge from its table to the table it references. */
export function referencesOf(definition: SchemaDefinition): Reference[] {
  const names = new Set(definition.tables.map((t) => t.name));
  return definition.tables.flatMap((table) =>
    table.columns.flatMap((column, i) =>
      column.type === 'reference' && column.references && names.has(column.references)
        ? [
            {
              id: `${table.name}.${column.name}`,
              from: table.name,
              column: column.name,
              row: i + 1,
              to: column.references,
            },
          ]
        : [],
    ),
  );
}
