import { ColumnDefinition, ColumnType, COLUMN_TYPES, JsonValue, OnDeleteAction, ON_DELETE_ACTIONS } from './definition';

/** What a column form holds: text as typed, turned into a definition only when sent. */
export interface ColumnDraft {
  id?: string;
  name: string;
  type: ColumnType;
  description: string;
  required: boolean;
  unique: boolean;
  /** The default as typed ('' for none); for booleans 'true' or 'false'. */
  defaultText: string;
  maxLength: string;
  precision: string;
  scale: string;
  /** Enum values, one per line or separated by commas. */
  values: string;
  references: string;
  onDelete: OnDeleteAction | '';
}

export const emptyColumnDraft = (): ColumnDraft => ({
  name: '',
  type: 'string',
  description: '',
  required: false,
  unique: false,
  defaultText: '',
  maxLength: '',
  precision: '',
  scale: '',
  values: '',
  references: '',
  onDelete: '',
});

export const isColumnType = (value: string): value is ColumnType => (COLUMN_TYPES as readonly string[]).includes(value);
export const isOnDelete = (value: string): value is OnDeleteAction =>
  (ON_DELETE_ACTIONS as readonly string[]).includes(value);

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A whole number as typed, or the text itself so that the server names what is wrong with it. */
function wholeNumber(text: string): number | string {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** The typed default as a value of the column's type; what does not parse goes as typed, for the server to judge. */
export function defaultValue(type: ColumnType, text: string): JsonValue {
  switch (type) {
    case 'integer':
    case 'float':
      return NUMERIC.test(text.trim()) ? Number(text.trim()) : text;
    case 'bigint':
    case 'decimal':
      // As text: a number would lose digits beyond 2^53 or after the point.
      return text.trim();
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'json':
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        return text;
      }
    default:
      return text;
  }
}

function defaultText(column: ColumnDefinition): string {
  if (column.default === undefined || column.default === null) return '';
  if (column.type === 'json') return JSON.stringify(column.default);
  return String(column.default);
}

export const splitValues = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((value) => value.trim())
    .filter((value) => value !== '');

/** The column definition a draft describes: only the options its type takes, nothing left empty. */
export function draftToColumn(draft: ColumnDraft): ColumnDefinition {
  const column: ColumnDefinition = { ...(draft.id && { id: draft.id }), name: draft.name.trim(), type: draft.type };
  if (draft.description.trim()) column.description = draft.description.trim();
  if (draft.required) column.required = true;
  if (draft.unique) column.unique = true;
  const options = column as unknown as Record<string, unknown>;
  if (draft.type === 'string' && draft.maxLength.trim()) options.maxLength = wholeNumber(draft.maxLength);
  if (draft.type === 'decimal') {
    if (draft.precision.trim()) options.precision = wholeNumber(draft.precision);
    if (draft.scale.trim()) options.scale = wholeNumber(draft.scale);
  }
  if (draft.type === 'enum') column.values = splitValues(draft.values);
  if (draft.type === 'reference') {
    column.references = draft.references;
    if (draft.onDelete) column.onDelete = draft.onDelete;
  }
  if (draft.defaultText !== '') column.default = defaultValue(draft.type, draft.defaultText);
  return column;
}

export function columnToDraft(column: ColumnDefinition): ColumnDraft {
  return {
    id: column.id,
    name: column.name,
    type: column.type,
    description: column.description ?? '',
    required: column.required === true,
    unique: column.unique === true,
    defaultText: defaultText(column),
    maxLength: column.maxLength?.toString() ?? '',
    precision: column.precision?.toString() ?? '',
    scale: column.scale?.toString() ?? '',
    values: (column.values ?? []).join(', '),
    references: column.references ?? '',
    onDelete: column.onDelete ?? '',
  };
}
