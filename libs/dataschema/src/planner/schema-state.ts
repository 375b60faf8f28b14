import {
  ColumnDefinition,
  ColumnType,
  isSystemColumn,
  JsonValue,
  OnDeleteAction,
  SchemaDefinition,
  TableDefinition,
} from '../definition/schema-definition';

/**
 * What the planner diffs: a definition with every name that points elsewhere resolved to a stable
 * id, and every feature that has a catalog object of its own spelled out (NOT NULL, default,
 * unique index, enum check, foreign key). Set-aside columns and tables are states too: stripped
 * of whatever would still act on live data.
 */
export interface ColumnState {
  id: string;
  name: string;
  type: ColumnType;
  maxLength?: number;
  precision?: number;
  scale?: number;
  /** The enum CHECK; absent on a set-aside column. */
  values?: string[];
  required: boolean;
  unique: boolean;
  default?: JsonValue;
  description?: string;
  /** The referenced table's id; absent when the column has no foreign key (or is set aside). */
  references?: string;
  onDelete?: OnDeleteAction;
}

export interface IndexState {
  id: string;
  /** Column ids, or the names of system columns. */
  columns: string[];
  unique: boolean;
}

export interface TableState {
  id: string;
  name: string;
  description?: string;
  columns: ColumnState[];
  indexes: IndexState[];
}

export interface SchemaState {
  tables: TableState[];
}

/** A column or table set aside by a drop, as it stands in the catalog; a rollback brings it back. */
export type RetainedItem =
  | { kind: 'table'; id: string; asideName: string; table: TableState }
  | { kind: 'column'; id: string; tableId: string; asideName: string; column: ColumnState };

function requireId(id: string | undefined, what: string): string {
  if (!id) throw new Error(`${what} has no id; assign ids before planning`);
  return id;
}

export function columnState(column: ColumnDefinition, tableIdByName: ReadonlyMap<string, string>): ColumnState {
  const state: ColumnState = {
    id: requireId(column.id, `column ${column.name}`),
    name: column.name,
    type: column.type,
    required: column.required === true,
    unique: column.unique === true,
  };
  if (column.type === 'string') state.maxLength = column.maxLength ?? 255;
  if (column.type === 'decimal' && column.precision !== undefined) {
    state.precision = column.precision;
    state.scale = column.scale ?? 0;
  }
  if (column.type === 'enum') state.values = [...(column.values ?? [])];
  if (column.type === 'reference') {
    const target = tableIdByName.get(column.references ?? '');
    if (!target) throw new Error(`column ${column.name} references an unknown table`);
    state.references = target;
    state.onDelete = column.onDelete ?? 'restrict';
  }
  if (column.default !== undefined && column.default !== null) state.default = column.default;
  if (column.description !== undefined) state.description = column.description;
  return state;
}

export function tableState(table: TableDefinition, tableIdByName: ReadonlyMap<string, string>): TableState {
  const columns = table.columns.map((c) => columnState(c, tableIdByName));
  const columnIdByName = new Map(columns.map((c) => [c.name, c.id]));
  const indexes = (table.indexes ?? []).map((index) => ({
    id: requireId(index.id, `an index of ${table.name}`),
    columns: index.columns.map((name) => {
      if (isSystemColumn(name)) return name;
      const id = columnIdByName.get(name);
      if (!id) throw new Error(`index of ${table.name} names an unknown column ${name}`);
      return id;
    }),
    unique: index.unique === true,
  }));
  const state: TableState = { id: requireId(table.id, `table ${table.name}`), name: table.name, columns, indexes };
  if (table.description !== undefined) state.description = table.description;
  return state;
}

/** The state of a valid definition whose tables, columns and indexes all carry ids. */
export function schemaState(definition: SchemaDefinition): SchemaState {
  const tableIdByName = new Map(definition.tables.map((t) => [t.name, requireId(t.id, `table ${t.name}`)]));
  return { tables: definition.tables.map((t) => tableState(t, tableIdByName)) };
}

/** A column as it stays once set aside: its data and type only, nothing that acts on new rows. */
export function bareColumn(column: ColumnState, asideName: string): ColumnState {
  const bare: ColumnState = { id: column.id, name: asideName, type: column.type, required: false, unique: false };
  if (column.maxLength !== undefined) bare.maxLength = column.maxLength;
  if (column.precision !== undefined) bare.precision = column.precision;
  if (column.scale !== undefined) bare.scale = column.scale;
  if (column.description !== undefined) bare.description = column.description;
  return bare;
}

/** A table as it stays once set aside: its foreign keys removed, so it neither blocks nor loses rows. */
export function asideTable(table: TableState, asideName: string): TableState {
  return {
    ...table,
    name: asideName,
    columns: table.columns.map((c) => withoutReference(c)),
  };
}

export function withoutReference(column: ColumnState): ColumnState {
  const { references: _references, onDelete: _onDelete, ...rest } = column;
  return rest;
}
