import type { Schemas } from '../../api/client';
import { COLUMN_TYPES, type ColumnType } from '../../api/column-types';

export type { ColumnType } from '../../api/column-types';

/** What the grid and the charts need to know of a column. */
export interface GridColumn {
  name: string;
  type: ColumnType;
  /** `id`, `created_at`, `updated_at`, `created_by`, `updated_by`: read-only. */
  system: boolean;
  required: boolean;
  /** The values of an `enum` column. */
  values?: string[];
  references?: string;
  description?: string;
}

const system = (name: string, type: ColumnType): GridColumn => ({ name, type, system: true, required: false });

/** Every table has these besides its own columns; `id` comes first, the others last (as the API lists them). */
export const ID_COLUMN = system('id', 'uuid');
const TRAILING_SYSTEM_COLUMNS = [
  system('created_at', 'timestamp'),
  system('updated_at', 'timestamp'),
  system('created_by', 'uuid'),
  system('updated_by', 'uuid'),
];

const TYPES: ReadonlySet<string> = new Set(COLUMN_TYPES);

/** The table's own columns as the API describes them (typed loosely in /docs-json). */
function ownColumn(raw: Record<string, unknown>): GridColumn | undefined {
  const { name, type } = raw;
  if (typeof name !== 'string' || typeof type !== 'string' || !TYPES.has(type)) return undefined;
  return {
    name,
    type: type as ColumnType,
    system: false,
    required: raw.required === true,
    values: Array.isArray(raw.values) ? raw.values.filter((v): v is string => typeof v === 'string') : undefined,
    references: typeof raw.references === 'string' ? raw.references : undefined,
    description: typeof raw.description === 'string' ? raw.description : undefined,
  };
}

/** Every column of a table in the order the API returns records: id, the table's own, then the other system columns. */
export function gridColumnsOf(table: Schemas['TableResponseDto']): GridColumn[] {
  const own = table.columns.map(ownColumn).filter((c): c is GridColumn => c !== undefined);
  return [ID_COLUMN, ...own, ...TRAILING_SYSTEM_COLUMNS];
}

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'bigint', 'decimal', 'float']);
const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['string', 'text', 'email', 'url', 'enum']);

export const isNumeric = (column: GridColumn) => NUMERIC_TYPES.has(column.type);
export const isText = (column: GridColumn) => TEXT_TYPES.has(column.type);
/** Everything but json can be sorted and grouped. */
export const isOrdered = (column: GridColumn) => column.type !== 'json';
export const isEditable = (column: GridColumn) => !column.system;

export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'in'
  | 'nin'
  | 'contains'
  | 'icontains'
  | 'startsWith'
  | 'endsWith'
  | 'isNull'
  | 'between';

/** How each operator reads in a sentence ("score is at least 10"). */
export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  eq: 'equals',
  ne: 'does not equal',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is greater than',
  gte: 'is at least',
  between: 'is between (low,high)',
  in: 'is one of (comma list)',
  nin: 'is none of (comma list)',
  contains: 'contains',
  icontains: 'contains, any case',
  startsWith: 'starts with',
  endsWith: 'ends with',
  isNull: 'is empty',
};

const COMPARISONS: FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'isNull'];
const RANGES: FilterOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'nin', 'isNull'];
const TEXT: FilterOperator[] = ['icontains', 'contains', 'startsWith', 'endsWith', ...RANGES];

/** The operators the API accepts for a column (the same rule as the server's `operatorsOf`). */
export function operatorsOf(column: GridColumn): FilterOperator[] {
  if (column.type === 'json') return ['isNull'];
  if (column.type === 'boolean') return COMPARISONS;
  return isText(column) ? TEXT : RANGES;
}

export const isFilterOperator = (op: string): op is FilterOperator => op in OPERATOR_LABELS;
