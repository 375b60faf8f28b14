/** The column types a definition may use (API.md, Schema). */
export const COLUMN_TYPES = [
  'string',
  'text',
  'integer',
  'bigint',
  'decimal',
  'float',
  'boolean',
  'date',
  'timestamp',
  'uuid',
  'json',
  'email',
  'url',
  'enum',
  'reference',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const ON_DELETE_ACTIONS = ['restrict', 'cascade', 'setNull'] as const;
export type OnDeleteAction = (typeof ON_DELETE_ACTIONS)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ColumnDefinition {
  /** Stable id given by the server (`c_...`); a name change under the same id is a rename. */
  id?: string;
  name: string;
  type: ColumnType;
  description?: string;
  required?: boolean;
  unique?: boolean;
  default?: JsonValue;
  /** `string` only; 255 when absent. */
  maxLength?: number;
  /** `decimal` only. */
  precision?: number;
  scale?: number;
  /** `enum` only. */
  values?: string[];
  /** `reference` only: the name of a table of the same definition. */
  references?: string;
  onDelete?: OnDeleteAction;
}

export interface IndexDefinition {
  /** Stable id given by the server (`i_...`). */
  id?: string;
  /** Column names of the same table (system columns allowed). */
  columns: string[];
  unique?: boolean;
}

export interface TableDefinition {
  /** Stable id given by the server (`t_...`). */
  id?: string;
  name: string;
  description?: string;
  columns: ColumnDefinition[];
  indexes?: IndexDefinition[];
}

export interface SchemaDefinition {
  tables: TableDefinition[];
}

/** Columns every table gets; a definition may not declare them, but indexes may use them. */
export const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'created_by', 'updated_by'] as const;
export type SystemColumnName = (typeof SYSTEM_COLUMNS)[number];

export const isSystemColumn = (name: string): name is SystemColumnName =>
  (SYSTEM_COLUMNS as readonly string[]).includes(name);

export const EMPTY_DEFINITION: SchemaDefinition = { tables: [] };
