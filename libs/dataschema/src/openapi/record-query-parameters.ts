import { MAX_PAGE_SIZE } from '@app/core';
import { TableDefinition } from '../definition/schema-definition';
import { AGGREGATE_PARAMETERS } from '../records/aggregate-query';
import { DEFAULT_PAGE_SIZE, LIST_PARAMETERS, MAX_PAGE } from '../records/list-query';
import { FilterOperator, MAX_IN_LIST, operatorsOf } from '../records/record-filters';
import { compileRecordTable, RecordColumn } from '../records/record-table';
import { SchemaObject } from './column-schemas';

type Parameters = Record<string, SchemaObject>;

const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const query = (name: string, schema: SchemaObject, description: string) => ({ name, in: 'query', description, schema });

/** What a filter value is, type only: formats and lengths are not checked on filters. */
function filterValueSchema(column: RecordColumn, values: readonly string[] | undefined): SchemaObject {
  switch (column.type) {
    case 'integer':
      return { type: 'integer', format: 'int32' };
    case 'float':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'uuid':
    case 'reference':
      return { type: 'string', format: 'uuid' };
    case 'enum':
      return { type: 'string', enum: [...(values ?? [])] };
    default:
      return { type: 'string' };
  }
}

function operatorParameter(column: RecordColumn, op: FilterOperator, value: SchemaObject): SchemaObject {
  const name = `filter[${column.name}][${op}]`;
  switch (op) {
    case 'isNull':
      return query(name, { type: 'boolean' }, `${column.name} is null (true) or not (false)`);
    case 'in':
    case 'nin':
      return query(
        name,
        { type: 'string' },
        `${column.name} ${op === 'in' ? 'is' : 'is not'} one of a comma list (at most ${MAX_IN_LIST}; \`\\,\` is a comma in a value)`,
      );
    case 'between':
      return query(name, { type: 'string' }, `${column.name} is between two values, inclusive: \`low,high\``);
    case 'contains':
    case 'icontains':
    case 'startsWith':
    case 'endsWith':
      return query(name, { type: 'string' }, `${column.name} ${op} the text (\`%\` and \`_\` match themselves)`);
    default:
      return query(name, value, `${column.name} ${op} the value`);
  }
}

/** Component names: `<table>.filter.<column>.<op>` and `<table>.<column>` (the `eq` shorthand). */
const filterName = (table: string, column: string, op: string) => `${table}.filter.${column}.${op}`;
const shorthandName = (table: string, column: string) => `${table}.${column}`;

/** `<column>=<value>` works for columns that take `eq` and whose name the route does not reserve. */
const hasShorthand = (column: RecordColumn, reserved: ReadonlySet<string>) =>
  operatorsOf(column).includes('eq') && !reserved.has(column.name);

/**
 * The filter parameters of one table, shared by its list and aggregate routes: every
 * `filter[<column>][<op>]` its columns take (system columns included) and every `<column>=<value>`.
 */
export function filterParameters(table: TableDefinition): Parameters {
  const compiled = compileRecordTable('', table);
  const values = new Map(table.columns.map((c) => [c.name, c.values]));
  const parameters: Parameters = {};
  for (const column of compiled.ordered) {
    const value = filterValueSchema(column, values.get(column.name));
    for (const op of operatorsOf(column)) {
      parameters[filterName(table.name, column.name, op)] = operatorParameter(column, op, value);
    }
    if (hasShorthand(column, LIST_PARAMETERS) || hasShorthand(column, AGGREGATE_PARAMETERS)) {
      parameters[shorthandName(table.name, column.name)] = query(
        column.name,
        value,
        `Short for filter[${column.name}][eq]`,
      );
    }
  }
  return parameters;
}

/** References to a table's filter parameters, leaving out shorthands that a route's own parameter shadows. */
function filterRefs(table: TableDefinition, reserved: ReadonlySet<string>) {
  const compiled = compileRecordTable('', table);
  return compiled.ordered.flatMap((column) => [
    ...operatorsOf(column).map((op) => parameterRef(filterName(table.name, column.name, op))),
    ...(hasShorthand(column, reserved) ? [parameterRef(shorthandName(table.name, column.name))] : []),
  ]);
}

const SEARCH = query('search', { type: 'string' }, 'A partial match, case-insensitive, over every text column');

export const PAGE_PARAMETERS = [
  query('page', { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }, 'The page, from 1'),
  query(
    'pageSize',
    { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    'Items per page',
  ),
];

/** The list route's parameters: paging, count, sort, fields, expand, search and the filters. */
export function listParameters(table: TableDefinition): SchemaObject[] {
  const references = table.columns.filter((c) => c.type === 'reference').map((c) => c.name);
  return [
    ...PAGE_PARAMETERS,
    query(
      'cursor',
      { type: 'string' },
      'Pages by keyset instead of `page`: empty for the first page, then the `cursor` of `next`',
    ),
    query('count', { type: 'string', enum: ['exact', 'estimated', 'none'], default: 'exact' }, 'How `count` is made'),
    query('sort', { type: 'string' }, 'Comma-separated columns, `-` for descending, e.g. `-created_at,id`'),
    query('fields', { type: 'string' }, 'Comma-separated columns to return (`id` always comes)'),
    query(
      'expand',
      { type: 'string' },
      references.length > 0
        ? `Comma-separated reference columns (${references.join(', ')}) whose value becomes the referenced record`
        : 'Comma-separated reference columns whose value becomes the referenced record (this table has none)',
    ),
    SEARCH,
    ...filterRefs(table, LIST_PARAMETERS),
  ];
}

/** The aggregate route's parameters: groupBy, metrics and the list's search and filters. */
export function aggregateParameters(table: TableDefinition): SchemaObject[] {
  return [
    query('groupBy', { type: 'string' }, 'Comma-separated columns to group by'),
    query(
      'metrics',
      { type: 'string', default: 'count' },
      'Comma-separated `count`, `sum:<column>`, `avg:<column>`, `min:<column>`, `max:<column>`',
    ),
    SEARCH,
    ...filterRefs(table, AGGREGATE_PARAMETERS),
  ];
}
