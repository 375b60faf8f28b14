import { ColumnDefinition, IndexDefinition, SchemaDefinition, TableDefinition } from './definition';

/**
 * The definition one change would make, built from the current one exactly as the server's
 * table and column routes build it (libs/dataschema SchemaTablesService), so that the plan of
 * this definition is what applying the change through those routes does. `prefix` is where the
 * change sits in the definition: problems the planner names below it belong to the form's fields.
 */
export interface ProposedChange {
  definition: SchemaDefinition;
  prefix: string;
}

/** A change as the step routes take it: a key set to null removes the option. */
export type Patch = Record<string, unknown>;

function tableAt(definition: SchemaDefinition, name: string): number {
  const index = definition.tables.findIndex((t) => t.name === name);
  if (index < 0) throw new Error(`Table ${name} is no longer in the schema. Reload the page.`);
  return index;
}

function columnAt(table: TableDefinition, name: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`Column ${name} of ${table.name} is no longer in the schema. Reload the page.`);
  return index;
}

function merged<T extends object>(target: T, patch: Patch): T {
  const result: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (value !== undefined) result[key] = value;
  }
  return result as T;
}

/** What changes from `before` to `after`, as a PATCH body: options `after` lacks become null. */
export function patchBetween(before: object, after: object): Patch {
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const patch: Patch = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (key === 'id') continue;
    if (!(key in next) || next[key] === undefined) {
      if (old[key] !== undefined) patch[key] = null;
    } else if (JSON.stringify(old[key]) !== JSON.stringify(next[key])) patch[key] = next[key];
  }
  return patch;
}

export function addTable(definition: SchemaDefinition, table: TableDefinition): ProposedChange {
  const tables = [...definition.tables, table];
  return { definition: { tables }, prefix: `tables[${tables.length - 1}]` };
}

export function updateTable(definition: SchemaDefinition, name: string, patch: Patch): ProposedChange {
  const i = tableAt(definition, name);
  const renamed = typeof patch.name === 'string' ? patch.name : name;
  // References name their table: a rename carries them along.
  const tables = definition.tables
    .map((t, j) => (j === i ? merged(t, patch) : t))
    .map((t) => ({
      ...t,
      columns: t.columns.map((c) => (c.references === name ? { ...c, references: renamed } : c)),
    }));
  return { definition: { tables }, prefix: `tables[${i}]` };
}

export function dropTable(definition: SchemaDefinition, name: string): ProposedChange {
  const i = tableAt(definition, name);
  return { definition: { tables: definition.tables.filter((_, j) => j !== i) }, prefix: 'tables' };
}

function editTable(
  definition: SchemaDefinition,
  tableName: string,
  change: (table: TableDefinition) => Pick<TableDefinition, 'columns' | 'indexes'> & { column?: number },
): ProposedChange {
  const i = tableAt(definition, tableName);
  const { columns, indexes, column } = change(definition.tables[i]);
  const tables = definition.tables.map((t, j) =>
    j === i ? { ...t, columns, ...(indexes !== undefined && { indexes }) } : t,
  );
  return {
    definition: { tables },
    prefix: column === undefined ? `tables[${i}]` : `tables[${i}].columns[${column}]`,
  };
}

export function addColumn(definition: SchemaDefinition, tableName: string, column: ColumnDefinition): ProposedChange {
  return editTable(definition, tableName, (table) => ({
    columns: [...table.columns, column],
    column: table.columns.length,
  }));
}

export function updateColumn(definition: SchemaDefinition, tableName: string, name: string, patch: Patch) {
  return editTable(definition, tableName, (table) => {
    const i = columnAt(table, name);
    const renamed = typeof patch.name === 'string' ? patch.name : name;
    // Indexes name their columns: a rename carries them along.
    const indexes = table.indexes?.map((ix) => ({ ...ix, columns: ix.columns.map((c) => (c === name ? renamed : c)) }));
    return { columns: table.columns.map((c, j) => (j === i ? merged(c, patch) : c)), indexes, column: i };
  });
}

export function dropColumn(definition: SchemaDefinition, tableName: string, name: string): ProposedChange {
  return editTable(definition, tableName, (table) => {
    const i = columnAt(table, name);
    // An index on a dropped column goes with it.
    const indexes = table.indexes?.filter((ix) => !ix.columns.includes(name));
    return { columns: table.columns.filter((_, j) => j !== i), indexes };
  });
}

/**
 * Splits the planner's problems into those of the form (paths below `prefix`, made relative to
 * it: `tables[2].columns[0].name` -> `columns[0].name`) and the others, which keep their path.
 */
export function problemsFor(prefix: string, problems: readonly { field: string; message: string }[]) {
  const fields: Record<string, string> = {};
  const others: { field: string; message: string }[] = [];
  for (const { field, message } of problems) {
    if (field.startsWith(`${prefix}.`)) {
      const relative = field.slice(prefix.length + 1);
      fields[relative] = fields[relative] ? `${fields[relative]}; ${message}` : message;
    } else others.push({ field, message });
  }
  return { fields, others };
}

/** A new index at the end of the table's list: problems below `tables[i].indexes[k]` are the form's. */
export function addIndex(definition: SchemaDefinition, tableName: string, index: IndexDefinition): ProposedChange {
  const i = tableAt(definition, tableName);
  const indexes = [...(definition.tables[i].indexes ?? []), index];
  const tables = definition.tables.map((t, j) => (j === i ? { ...t, indexes } : t));
  return { definition: { tables }, prefix: `tables[${i}].indexes[${indexes.length - 1}]` };
}

/** The table without the index with this id. */
export function dropIndex(definition: SchemaDefinition, tableName: string, indexId: string): ProposedChange {
  const i = tableAt(definition, tableName);
  const indexes = definition.tables[i].indexes ?? [];
  if (!indexes.some((ix) => ix.id === indexId))
    throw new Error(`That index of ${tableName} is no longer in the schema. Reload the page.`);
  const tables = definition.tables.map((t, j) =>
    j === i ? { ...t, indexes: indexes.filter((ix) => ix.id !== indexId) } : t,
  );
  return { definition: { tables }, prefix: `tables[${i}].indexes` };
}

/**
 * The problems of one index by form field: `columns` gathers those of the list and of each of its
 * columns (`columns[1]`), and those of the index as a whole (a duplicate of another index), which
 * PUT /schema and the plan name by absolute path (`tables[0].indexes[2]`).
 */
export function indexFieldProblems(
  prefix: string,
  problems: readonly { field: string; message: string }[],
): { columns?: string; unique?: string } {
  const { fields } = problemsFor(prefix, problems);
  const columns = [
    ...problems.filter((p) => p.field === prefix).map((p) => p.message),
    ...Object.entries(fields)
      .filter(([field]) => field === 'columns' || field.startsWith('columns['))
      .map(([field, message]) => (field === 'columns' ? message : `${columnOf(field)} ${message}`)),
  ];
  return { columns: columns.length ? columns.join('; ') : undefined, unique: fields.unique };
}

/** `columns[1]` -> "column 2 of the list:". */
const columnOf = (field: string) => {
  const n = Number(/\[(\d+)\]/.exec(field)?.[1] ?? 0) + 1;
  return `column ${n} of the list:`;
};
