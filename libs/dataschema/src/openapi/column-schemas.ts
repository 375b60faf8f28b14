import { ColumnDefinition, ColumnType } from '../definition/schema-definition';
import { coercerFor, Invalid } from '../records/column-coercion';

export type SchemaObject = Record<string, unknown>;

/** `read`: a value as records carry it in responses; `write`: as a request body may send it. */
export type Direction = 'read' | 'write';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
/** Any JSON value; OpenAPI 3.0 wants `nullable` beside a `type`, so null rides on the object branch. */
const jsonValue = (nullable: boolean): SchemaObject => ({
  oneOf: [
    { type: 'object', additionalProperties: true, ...(nullable && { nullable: true }) },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
  description: 'Any JSON value',
});
// Bigints and decimals travel as strings, so no digit is lost to a float. Reads are canonical
// (PostgreSQL's text form); writes take what the records validator takes.
const BIGINT = { read: '^-?\\d+$', write: '^[+-]?\\d+$' };
const DECIMAL = { read: '^-?\\d+(\\.\\d+)?$', write: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$' };

/** The schema of a column's non-null values, by type and options. */
export function valueSchema(column: ColumnDefinition, direction: Direction): SchemaObject {
  const byType: Record<ColumnType, () => SchemaObject> = {
    string: () => ({ type: 'string', maxLength: column.maxLength ?? 255 }),
    text: () => ({ type: 'string' }),
    integer: () => ({ type: 'integer', format: 'int32', ...INT32 }),
    bigint: () => ({ type: 'string', pattern: BIGINT[direction], description: 'A 64-bit integer, as a string' }),
    decimal: () => ({ type: 'string', pattern: DECIMAL[direction], description: 'An exact decimal, as a string' }),
    float: () => ({ type: 'number', format: 'double' }),
    boolean: () => ({ type: 'boolean' }),
    date: () => ({ type: 'string', format: 'date' }),
    timestamp: () => ({ type: 'string', format: 'date-time' }),
    uuid: () => ({ type: 'string', format: 'uuid' }),
    json: () => jsonValue(!column.required),
    email: () => ({ type: 'string', format: 'email', maxLength: 254 }),
    url: () => ({ type: 'string', format: 'uri' }),
    enum: () => ({ type: 'string', enum: [...(column.values ?? [])] }),
    reference: () => ({ type: 'string', format: 'uuid', description: `The id of a ${column.references} record` }),
  };
  return byType[column.type]();
}

/** The default as the server stores and returns it (a decimal default 0 is `"0"`), or undefined. */
function typedDefault(column: ColumnDefinition): unknown {
  if (column.default === undefined || column.default === null) return undefined;
  if (column.type === 'json') return column.default;
  const value = coercerFor(column, { strict: true })(column.default);
  return value instanceof Invalid ? undefined : value;
}

/**
 * The schema of a column's values: nullable unless required. Writes name the default in the
 * description, not as `default`: openapi-typescript makes a property with a `default` required,
 * which a create body must not be.
 */
export function columnSchema(column: ColumnDefinition, direction: Direction): SchemaObject {
  const schema: SchemaObject = { ...valueSchema(column, direction) };
  const fallback = direction === 'write' ? typedDefault(column) : undefined;
  const notes = [
    schema.description,
    column.description,
    fallback !== undefined && `Default: \`${JSON.stringify(fallback)}\``,
  ];
  const description = notes.filter(Boolean).join('. ');
  if (description) schema.description = description;
  if (!column.required && column.type !== 'json') {
    schema.nullable = true;
    // OpenAPI 3.0.3: a nullable enum lists null among its values.
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
  }
  return schema;
}
