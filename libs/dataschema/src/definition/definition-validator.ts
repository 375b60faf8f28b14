import { defaultProblem } from './default-value-rules';
import { columnNameProblem, nameProblem } from './name-rules';
import { ID_PATTERN } from './schema-ids';
import {
  COLUMN_TYPES,
  ColumnDefinition,
  ColumnType,
  isSystemColumn,
  ON_DELETE_ACTIONS,
  SchemaDefinition,
} from './schema-definition';
import { DEFAULT_SCHEMA_LIMITS, SchemaLimits } from './schema-limits';

/** One problem of a definition; `field` is a path such as `tables[1].columns[3].name`. */
export interface SchemaProblem {
  field: string;
  message: string;
}

export interface DefinitionValidation {
  valid: boolean;
  errors: SchemaProblem[];
  /** The input, typed, when it is valid. */
  definition?: SchemaDefinition;
}

const MAX_DESCRIPTION = 2000;
const MAX_STRING_LENGTH = 10_485_760;
const MAX_PRECISION = 1000;
const MAX_ENUM_VALUES = 500;
const MAX_ENUM_VALUE_LENGTH = 255;
const MAX_INDEX_COLUMNS = 32;

const TABLE_KEYS = new Set(['id', 'name', 'description', 'columns', 'indexes']);
const COLUMN_KEYS = new Set(['id', 'name', 'type', 'description', 'required', 'unique', 'default']);
const TYPE_OPTIONS: Record<string, ColumnType> = {
  maxLength: 'string',
  precision: 'decimal',
  scale: 'decimal',
  values: 'enum',
  references: 'reference',
  onDelete: 'reference',
};
const INDEX_KEYS = new Set(['id', 'columns', 'unique']);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWholeNumber = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** Collects problems; every check adds to it and goes on, so the caller gets them all at once. */
class Problems {
  readonly list: SchemaProblem[] = [];
  add(field: string, message: string | undefined): void {
    if (message !== undefined) this.list.push({ field, message });
  }
}

/**
 * Checks a definition as received (any JSON) and returns every problem at once. Limits are per
 * tenant. Ids are optional (the server assigns missing ones) but must look like server ids.
 */
export function validateDefinition(input: unknown, limits: SchemaLimits = DEFAULT_SCHEMA_LIMITS): DefinitionValidation {
  const p = new Problems();
  if (!isObject(input)) {
    p.add('definition', 'must be an object with tables');
    return { valid: false, errors: p.list };
  }
  for (const key of Object.keys(input)) if (key !== 'tables') p.add(key, 'is not a known property');
  const tables = input.tables;
  if (!Array.isArray(tables)) {
    p.add('tables', 'must be an array');
    return { valid: false, errors: p.list };
  }
  if (tables.length > limits.maxTables) p.add('tables', `must hold at most ${limits.maxTables} tables`);

  const tableNames = new Set(tables.filter(isObject).flatMap((t) => (typeof t.name === 'string' ? [t.name] : [])));
  const firstByName = new Map<string, number>();
  tables.forEach((table, i) => {
    const path = `tables[${i}]`;
    if (!isObject(table)) return p.add(path, 'must be an object');
    checkTable(table, path, tableNames, limits, p);
    if (typeof table.name === 'string') {
      const first = firstByName.get(table.name);
      if (first !== undefined) p.add(`${path}.name`, `duplicates tables[${first}].name`);
      else firstByName.set(table.name, i);
    }
  });
  checkIdsUnique(tables, p);
  const valid = p.list.length === 0;
  return valid ? { valid, errors: [], definition: input as unknown as SchemaDefinition } : { valid, errors: p.list };
}

function checkId(value: unknown, kind: 't' | 'c' | 'i', path: string, p: Problems): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !ID_PATTERN.test(value) || !value.startsWith(`${kind}_`)) {
    p.add(`${path}.id`, 'must be an id the server gave, or be left out');
  }
}

function checkDescription(value: unknown, path: string, p: Problems): void {
  if (value === undefined) return;
  if (typeof value !== 'string') return p.add(`${path}.description`, 'must be a string');
  if (value.length > MAX_DESCRIPTION) p.add(`${path}.description`, `must be at most ${MAX_DESCRIPTION} characters`);
  if (value.includes('\u0000')) p.add(`${path}.description`, 'must not contain a NUL character');
}

function checkTable(table: Obj, path: string, tableNames: Set<string>, limits: SchemaLimits, p: Problems): void {
  for (const key of Object.keys(table)) if (!TABLE_KEYS.has(key)) p.add(`${path}.${key}`, 'is not a known property');
  checkId(table.id, 't', path, p);
  p.add(`${path}.name`, nameProblem(table.name));
  checkDescription(table.description, path, p);

  const columns = table.columns;
  if (!Array.isArray(columns)) return p.add(`${path}.columns`, 'must be an array');
  if (columns.length > limits.maxColumnsPerTable) {
    p.add(`${path}.columns`, `must hold at most ${limits.maxColumnsPerTable} columns`);
  }
  const firstByName = new Map<string, number>();
  columns.forEach((column, j) => {
    const columnPath = `${path}.columns[${j}]`;
    if (!isObject(column)) return p.add(columnPath, 'must be an object');
    checkColumn(column, columnPath, tableNames, p);
    if (typeof column.name === 'string') {
      const first = firstByName.get(column.name);
      if (first !== undefined) p.add(`${columnPath}.name`, `duplicates ${path}.columns[${first}].name`);
      else firstByName.set(column.name, j);
    }
  });

  if (table.indexes === undefined) return;
  if (!Array.isArray(table.indexes)) return p.add(`${path}.indexes`, 'must be an array');
  if (table.indexes.length > limits.maxIndexesPerTable) {
    p.add(`${path}.indexes`, `must hold at most ${limits.maxIndexesPerTable} indexes`);
  }
  const seen = new Map<string, number>();
  table.indexes.forEach((index, k) => {
    const indexPath = `${path}.indexes[${k}]`;
    if (!isObject(index)) return p.add(indexPath, 'must be an object');
    checkIndex(index, indexPath, firstByName, p);
    const key = JSON.stringify([index.columns, index.unique === true]);
    const first = seen.get(key);
    if (first !== undefined) p.add(indexPath, `duplicates ${path}.indexes[${first}]`);
    else seen.set(key, k);
  });
}

function checkColumn(column: Obj, path: string, tableNames: Set<string>, p: Problems): void {
  const type = column.type as ColumnType;
  const knownType = (COLUMN_TYPES as readonly unknown[]).includes(type);
  for (const key of Object.keys(column)) {
    if (COLUMN_KEYS.has(key)) continue;
    const owner = TYPE_OPTIONS[key];
    if (owner === undefined) p.add(`${path}.${key}`, 'is not a known property');
    else if (knownType && owner !== type) p.add(`${path}.${key}`, `applies only to ${owner} columns`);
  }
  checkId(column.id, 'c', path, p);
  p.add(`${path}.name`, columnNameProblem(column.name));
  checkDescription(column.description, path, p);
  if (!knownType) return p.add(`${path}.type`, `must be one of ${COLUMN_TYPES.join(', ')}`);
  for (const flag of ['required', 'unique'] as const) {
    if (column[flag] !== undefined && typeof column[flag] !== 'boolean')
      p.add(`${path}.${flag}`, 'must be true or false');
  }

  let optionsValid = true;
  const option = (field: string, message: string | undefined) => {
    if (message !== undefined) optionsValid = false;
    p.add(`${path}.${field}`, message);
  };
  if (type === 'string' && column.maxLength !== undefined && !isWholeNumber(column.maxLength, 1, MAX_STRING_LENGTH)) {
    option('maxLength', `must be a whole number from 1 to ${MAX_STRING_LENGTH}`);
  }
  if (type === 'decimal') {
    if (column.precision !== undefined && !isWholeNumber(column.precision, 1, MAX_PRECISION)) {
      option('precision', `must be a whole number from 1 to ${MAX_PRECISION}`);
    }
    if (column.scale !== undefined) {
      if (column.precision === undefined) option('scale', 'needs a precision');
      else if (!isWholeNumber(column.scale, 0, Number(column.precision))) {
        option('scale', 'must be a whole number from 0 to the precision');
      }
    }
  }
  if (type === 'enum') option('values', enumValuesProblem(column.values));
  if (type === 'reference') {
    if (typeof column.references !== 'string' || !tableNames.has(column.references)) {
      option('references', 'must name a table of this definition');
    }
    if (column.onDelete !== undefined && !(ON_DELETE_ACTIONS as readonly unknown[]).includes(column.onDelete)) {
      option('onDelete', `must be one of ${ON_DELETE_ACTIONS.join(', ')}`);
    } else if (column.onDelete === 'setNull' && column.required === true) {
      option('onDelete', 'setNull cannot apply to a required column');
    }
  }
  if (optionsValid) p.add(`${path}.default`, defaultProblem(column as unknown as ColumnDefinition));
}

function enumValuesProblem(values: unknown): string | undefined {
  if (!Array.isArray(values) || values.length === 0) return 'must be a non-empty array of strings';
  if (values.length > MAX_ENUM_VALUES) return `must hold at most ${MAX_ENUM_VALUES} values`;
  for (const value of values) {
    if (typeof value !== 'string' || value.length === 0) return 'must hold only non-empty strings';
    if (value.length > MAX_ENUM_VALUE_LENGTH) return `must hold values of at most ${MAX_ENUM_VALUE_LENGTH} characters`;
    if (value.includes('\u0000')) return 'must not contain a NUL character';
  }
  if (new Set(values).size !== values.length) return 'must not repeat a value';
  return undefined;
}

function checkIndex(index: Obj, path: string, columnNames: Map<string, number>, p: Problems): void {
  for (const key of Object.keys(index)) if (!INDEX_KEYS.has(key)) p.add(`${path}.${key}`, 'is not a known property');
  checkId(index.id, 'i', path, p);
  if (index.unique !== undefined && typeof index.unique !== 'boolean') p.add(`${path}.unique`, 'must be true or false');
  const columns = index.columns;
  if (!Array.isArray(columns) || columns.length === 0) return p.add(`${path}.columns`, 'must be a non-empty array');
  if (columns.length > MAX_INDEX_COLUMNS) p.add(`${path}.columns`, `must hold at most ${MAX_INDEX_COLUMNS} columns`);
  columns.forEach((name, n) => {
    if (typeof name !== 'string' || !(columnNames.has(name) || isSystemColumn(name))) {
      p.add(`${path}.columns[${n}]`, 'must name a column of this table');
    } else if (columns.indexOf(name) !== n) p.add(`${path}.columns[${n}]`, 'repeats a column');
  });
}

/** Ids must be unique in the whole definition: a table, column or index id names one thing. */
function checkIdsUnique(tables: unknown[], p: Problems): void {
  const seen = new Map<string, string>();
  const visit = (id: unknown, path: string) => {
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first !== undefined) p.add(`${path}.id`, `repeats the id of ${first}`);
    else seen.set(id, path);
  };
  tables.forEach((table, i) => {
    if (!isObject(table)) return;
    visit(table.id, `tables[${i}]`);
    for (const [key, prefix] of [
      ['columns', 'columns'],
      ['indexes', 'indexes'],
    ] as const) {
      const list = table[key];
      if (Array.isArray(list))
        list.forEach((item, j) => isObject(item) && visit(item.id, `tables[${i}].${prefix}[${j}]`));
    }
  });
}
