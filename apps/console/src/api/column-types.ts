/** Column types of a tenant table (API.md, Schema), shared by the schema and data areas. */
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
