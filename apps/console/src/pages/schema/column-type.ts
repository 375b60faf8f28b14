import { ColumnDefinition } from './definition';

/** A column's type with its options, as a person reads it: `string (max 100)`, `reference to companies`. */
export function typeText(column: ColumnDefinition): string {
  switch (column.type) {
    case 'string':
      return `string (max ${column.maxLength ?? 255})`;
    case 'decimal':
      return column.precision === undefined ? 'decimal' : `decimal (${column.precision}, ${column.scale ?? 0})`;
    case 'enum':
      return `enum: ${(column.values ?? []).join(', ')}`;
    case 'reference':
      return `reference to ${column.references ?? '?'}`;
    case 'timestamp':
      return 'timestamp (with time zone)';
    default:
      return column.type;
  }
}

export const onDeleteText = (column: ColumnDefinition) => column.onDelete ?? 'restrict';

export const defaultText = (column: ColumnDefinition) =>
  column.default === undefined || column.default === null ? '' : JSON.stringify(column.default);
