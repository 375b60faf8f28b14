import { ColumnDefinition, SchemaDefinition, TableDefinition } from '../definition/schema-definition';

type SchemaObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

/** The JSON schema of a column's values, as records carry them. */
export function columnSchema(column: ColumnDefinition): SchemaObject {
  const byType: Record<ColumnDefinition['type'], SchemaObject> = {
    string: { type: 'string', maxLength: column.maxLength ?? 255 },
    text: { type: 'string' },
    integer: { type: 'integer', format: 'int32' },
    bigint: { type: 'integer', format: 'int64' },
    // Exact decimals travel as strings, so no digit is lost to a float.
    decimal: { type: 'string', format: 'decimal', pattern: '^-?\\d+(\\.\\d+)?$' },
    float: { type: 'number', format: 'double' },
    boolean: { type: 'boolean' },
    date: { type: 'string', format: 'date' },
    timestamp: { type: 'string', format: 'date-time' },
    uuid: { type: 'string', format: 'uuid' },
    json: {},
    email: { type: 'string', format: 'email' },
    url: { type: 'string', format: 'uri' },
    enum: { type: 'string', enum: column.values ?? [] },
    reference: { type: 'string', format: 'uuid', description: `The id of a ${column.references} record` },
  };
  const schema: SchemaObject = { ...byType[column.type] };
  if (column.description) schema.description = column.description;
  if (column.default !== undefined && column.default !== null) schema.default = column.default;
  if (!column.required && column.type !== 'json') schema.nullable = true;
  return schema;
}

/** Component names: the table's own, or with a `-` suffix, which no table name contains (so none collide). */
const names = (table: string) => ({
  record: table,
  input: `${table}-input`,
  patch: `${table}-patch`,
  page: `${table}-page`,
});

const SYSTEM_PROPERTIES: Record<string, SchemaObject> = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: 'string', format: 'uuid', nullable: true, readOnly: true },
  updated_by: { type: 'string', format: 'uuid', nullable: true, readOnly: true },
};

function tableSchemas(table: TableDefinition): Record<string, SchemaObject> {
  const n = names(table.name);
  const properties = Object.fromEntries(table.columns.map((c) => [c.name, columnSchema(c)]));
  const required = table.columns.filter((c) => c.required && c.default === undefined).map((c) => c.name);
  return {
    [n.record]: {
      type: 'object',
      ...(table.description && { description: table.description }),
      properties: { ...SYSTEM_PROPERTIES, ...properties },
      required: [...Object.keys(SYSTEM_PROPERTIES), ...table.columns.filter((c) => c.required).map((c) => c.name)],
    },
    [n.input]: {
      type: 'object',
      properties,
      additionalProperties: false,
      ...(required.length > 0 && { required }),
    },
    [n.patch]: { type: 'object', properties, additionalProperties: false },
    [n.page]: {
      type: 'object',
      required: ['count', 'next', 'previous', 'results'],
      properties: {
        count: { type: 'integer', nullable: true },
        next: { type: 'string', nullable: true },
        previous: { type: 'string', nullable: true },
        results: { type: 'array', items: ref(n.record) },
      },
    },
  };
}

function tablePaths(slug: string, table: TableDefinition): Record<string, unknown> {
  const n = names(table.name);
  const tags = [table.name];
  const base = `/api/tenants/${slug}/tables/${table.name}/records`;
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const json = (schemaName: string) => ({ content: { 'application/json': { schema: ref(schemaName) } } });
  const errors = {
    '400': errorResponse('Invalid input, naming the field'),
    '401': errorResponse('No or bad token'),
    '403': errorResponse('Not allowed'),
    '404': errorResponse('Not found'),
  };
  return {
    [base]: {
      get: {
        operationId: `list-${table.name}`,
        summary: `List ${table.name} records`,
        tags,
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 20 } },
          { name: 'sort', in: 'query', schema: { type: 'string' }, description: 'e.g. `-created_at,name`' },
          { name: 'search', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': { description: `A page of ${table.name}`, ...json(n.page) }, ...errors },
      },
      post: {
        operationId: `create-${table.name}`,
        summary: `Create a ${table.name} record`,
        tags,
        requestBody: { required: true, ...json(n.input) },
        responses: { '201': { description: 'The record', ...json(n.record) }, ...errors },
      },
    },
    [`${base}/{id}`]: {
      parameters: [idParam],
      get: {
        operationId: `get-${table.name}`,
        summary: `One ${table.name} record`,
        tags,
        responses: { '200': { description: 'The record', ...json(n.record) }, ...errors },
      },
      put: {
        operationId: `replace-${table.name}`,
        summary: `Replace a ${table.name} record`,
        tags,
        requestBody: { required: true, ...json(n.input) },
        responses: { '200': { description: 'The record', ...json(n.record) }, ...errors },
      },
      patch: {
        operationId: `update-${table.name}`,
        summary: `Change some fields of a ${table.name} record`,
        tags,
        requestBody: { required: true, ...json(n.patch) },
        responses: { '200': { description: 'The record', ...json(n.record) }, ...errors },
      },
      delete: {
        operationId: `delete-${table.name}`,
        summary: `Delete a ${table.name} record`,
        tags,
        responses: { '204': { description: 'Deleted' }, ...errors },
      },
    },
  };
}

/** An OpenAPI 3.0 document of one tenant's record routes, typed from its active definition. */
export function tenantOpenApi(
  tenant: { slug: string; name?: string },
  schema: { version: number; definition: SchemaDefinition },
): Record<string, unknown> {
  const tables = schema.definition.tables;
  return {
    openapi: '3.0.3',
    info: {
      title: `${tenant.name ?? tenant.slug} records`,
      version: String(schema.version),
      description: `The record routes of tenant ${tenant.slug}, typed from schema version ${schema.version}.`,
      license: { name: 'Proprietary', url: 'https://strata.local/license' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: tables.map((t) => ({ name: t.name, ...(t.description && { description: t.description }) })),
    paths: Object.assign({}, ...tables.map((t) => tablePaths(tenant.slug, t))),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['statusCode', 'error', 'code', 'message', 'requestId'],
          properties: {
            statusCode: { type: 'integer' },
            error: { type: 'string' },
            code: { type: 'string' },
            message: { type: 'string' },
            requestId: { type: 'string' },
            details: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
        ...Object.assign({}, ...tables.map(tableSchemas)),
      },
    },
  };
}
