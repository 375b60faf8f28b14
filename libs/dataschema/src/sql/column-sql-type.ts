import { ColumnType } from '../definition/schema-definition';

export interface TypedColumn {
  type: ColumnType;
  maxLength?: number;
  precision?: number;
  scale?: number;
}

/** The PostgreSQL type a column is stored as. Enums are text with a CHECK; references are uuids. */
export function sqlType(column: TypedColumn): string {
  switch (column.type) {
    case 'string':
      return `varchar(${column.maxLength ?? 255})`;
    case 'text':
    case 'email':
    case 'url':
    case 'enum':
      return 'text';
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'decimal':
      return column.precision === undefined ? 'numeric' : `numeric(${column.precision},${column.scale ?? 0})`;
    case 'float':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
    case 'uuid':
    case 'reference':
      return 'uuid';
    case 'json':
      return 'jsonb';
  }
}

const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['string', 'text', 'email', 'url', 'enum']);
const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'bigint', 'decimal', 'float']);
const TEMPORAL_TYPES: ReadonlySet<ColumnType> = new Set(['date', 'timestamp']);

/**
 * How stored values move from one type to another. PostgreSQL casts text to and from anything,
 * and within the numeric and the date/time families; other pairs go through text. `exact` marks
 * the conversions that can silently change a value (rounding, truncating, dropping a time): the
 * precheck then also refuses values that do not come back unchanged.
 */
export interface Conversion {
  from: string;
  to: string;
  viaText: boolean;
  exact: boolean;
}

export function conversion(from: TypedColumn, to: TypedColumn): Conversion {
  const sameFamily =
    (NUMERIC_TYPES.has(from.type) && NUMERIC_TYPES.has(to.type)) ||
    (TEMPORAL_TYPES.has(from.type) && TEMPORAL_TYPES.has(to.type));
  const direct = TEXT_TYPES.has(from.type) || TEXT_TYPES.has(to.type) || sameFamily;
  return {
    from: sqlType(from),
    to: sqlType(to),
    viaText: !direct,
    exact: sameFamily || to.type === 'string',
  };
}

/** The USING expression of a type change, with an explicit cast. */
export function castExpression(quotedColumn: string, c: Conversion): string {
  return c.viaText ? `${quotedColumn}::text::${c.to}` : `${quotedColumn}::${c.to}`;
}
