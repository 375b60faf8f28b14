import { type ColumnType } from '../../api/column-types';
export { COLUMN_TYPES, type ColumnType } from '../../api/column-types';

/**
 * The schema definition document (API.md, Schema). The OpenAPI types `definition`, columns and
 * operations as free-form objects, so the console narrows them here, once, with a runtime check.
 */

export const ON_DELETE_ACTIONS = ['restrict', 'cascade', 'setNull'] as const;
export type OnDeleteAction = (typeof ON_DELETE_ACTIONS)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ColumnDefinition {
  id?: string;
  name: string;
  type: ColumnType;
  description?: string;
  required?: boolean;
  unique?: boolean;
  default?: JsonValue;
  maxLength?: number;
  precision?: number;
  scale?: number;
  values?: string[];
  references?: string;
  onDelete?: OnDeleteAction;
}

export interface IndexDefinition {
  id?: string;
  columns: string[];
  unique?: boolean;
}

export interface TableDefinition {
  id?: string;
  name: string;
  description?: string;
  columns: ColumnDefinition[];
  indexes?: IndexDefinition[];
}

export interface SchemaDefinition {
  tables: TableDefinition[];
}

/** Columns every table has; a definition does not declare them. */
export const SYSTEM_COLUMNS = [
  { name: 'id', type: 'uuid, primary key' },
  { name: 'created_at', type: 'timestamp' },
  { name: 'updated_at', type: 'timestamp' },
  { name: 'created_by', type: 'uuid' },
  { name: 'updated_by', type: 'uuid' },
] as const;

/** One step of a migration, as the plan, version and diff routes answer it. */
export interface Operation {
  kind: string;
  summary: string;
  table?: string;
  column?: string;
  up: string[];
  down: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isColumn = (value: unknown): value is ColumnDefinition =>
  isObject(value) && typeof value.name === 'string' && typeof value.type === 'string';

const isTable = (value: unknown): value is TableDefinition =>
  isObject(value) &&
  typeof value.name === 'string' &&
  Array.isArray(value.columns) &&
  value.columns.every(isColumn) &&
  (value.indexes === undefined || Array.isArray(value.indexes));

/** A table as the API answers it (GET /tables/:table), checked. */
export function readTable(value: unknown): TableDefinition {
  if (!isTable(value)) throw new Error('The server answered a table the console does not understand.');
  return value;
}

/** The `definition` of a schema, version or template answer, checked. */
export function readDefinition(value: unknown): SchemaDefinition {
  if (!isObject(value) || !Array.isArray(value.tables)) {
    throw new Error('The server answered a schema definition the console does not understand.');
  }
  return { tables: value.tables.map(readTable) };
}

/** Operations of a plan, version or diff; what is not an operation is left out. */
export function readOperations(values: readonly unknown[]): Operation[] {
  return values.filter(isObject).map((op) => ({
    kind: String(op.kind ?? ''),
    summary: String(op.summary ?? op.kind ?? ''),
    table: typeof op.table === 'string' ? op.table : undefined,
    column: typeof op.column === 'string' ? op.column : undefined,
    up: Array.isArray(op.up) ? op.up.map(String) : [],
    down: Array.isArray(op.down) ? op.down.map(String) : [],
  }));
}

/** The columns of other tables (and this one) that reference `table`. */
export function incomingReferences(definition: SchemaDefinition, table: string) {
  return definition.tables.flatMap((from) =>
    from.columns
      .filter((column) => column.type === 'reference' && column.references === table)
      .map((column) => ({ table: from.name, column })),
  );
}
