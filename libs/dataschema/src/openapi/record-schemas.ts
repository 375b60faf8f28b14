import { MAX_PAGE_SIZE } from '@app/core';
import { SYSTEM_COLUMNS, TableDefinition } from '../definition/schema-definition';
import { columnSchema, SchemaObject } from './column-schemas';

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Component names: the table's own for its record, else the table's name with a `-` suffix, which
 * no table name contains, so no two tables' components collide (and none meets `Error`).
 */
export const componentNames = (table: string) => ({
  record: table,
  listed: `${table}-listed`,
  input: `${table}-input`,
  patch: `${table}-patch`,
  page: `${table}-page`,
  revision: `${table}-revision`,
  history: `${table}-history`,
  restored: `${table}-restored`,
});

const SYSTEM_PROPERTIES: Record<(typeof SYSTEM_COLUMNS)[number], SchemaObject> = {
  id: { type: 'string', format: 'uuid', readOnly: true },
  created_at: { type: 'string', format: 'date-time', readOnly: true },
  updated_at: { type: 'string', format: 'date-time', readOnly: true },
  created_by: { type: 'string', format: 'uuid', nullable: true, readOnly: true, description: 'The user who made it' },
  updated_by: {
    type: 'string',
    format: 'uuid',
    nullable: true,
    readOnly: true,
    description: 'The user who last changed it',
  },
};

/** A page as every list answers it. */
export const pageOf = (items: SchemaObject, description: string): SchemaObject => ({
  type: 'object',
  description,
  required: ['count', 'next', 'previous', 'results'],
  properties: {
    count: { type: 'integer', nullable: true, description: 'Exact, estimated, or null with `count=none`' },
    next: { type: 'string', nullable: true, description: 'The next page; with `cursor`, a keyset URL' },
    previous: { type: 'string', nullable: true, description: 'The previous page; null when paging by keyset' },
    results: { type: 'array', items, maxItems: MAX_PAGE_SIZE },
  },
});

/** A record as responses carry it: `id` first, the definition's columns, then the other system columns. */
function recordSchema(table: TableDefinition, columnOverride?: (name: string) => SchemaObject | undefined) {
  const { id, ...rest } = SYSTEM_PROPERTIES;
  const columns = table.columns.map((c) => [c.name, columnOverride?.(c.name) ?? columnSchema(c, 'read')]);
  return {
    type: 'object',
    ...(table.description && { description: table.description }),
    properties: { id, ...Object.fromEntries(columns), ...rest },
    required: ['id', ...table.columns.map((c) => c.name), ...Object.keys(rest)],
  };
}

/** A list item: like the record, but each reference column may be `expand`ed into the record it names. */
function listedSchema(table: TableDefinition): SchemaObject {
  const references = new Map(table.columns.filter((c) => c.type === 'reference').map((c) => [c.name, c]));
  return recordSchema(table, (name) => {
    const column = references.get(name);
    if (!column) return undefined;
    // The uuid branch carries `nullable`: OpenAPI 3.0 wants it beside a `type`.
    return {
      oneOf: [columnSchema(column, 'read'), schemaRef(componentNames(column.references!).record)],
      description: `The id of a ${column.references} record, or with \`expand=${name}\` the record itself`,
    };
  });
}

const nullableRecord = (name: string, description: string) => ({
  type: 'object',
  allOf: [schemaRef(name)],
  nullable: true,
  description,
});

/** Every component schema of one table's record routes. */
export function tableSchemas(table: TableDefinition): Record<string, SchemaObject> {
  const n = componentNames(table.name);
  const writable = Object.fromEntries(table.columns.map((c) => [c.name, columnSchema(c, 'write')]));
  const requiredOnCreate = table.columns.filter((c) => c.required && c.default == null).map((c) => c.name);
  const hasReferences = table.columns.some((c) => c.type === 'reference');
  return {
    [n.record]: recordSchema(table),
    ...(hasReferences && { [n.listed]: listedSchema(table) }),
    [n.input]: {
      type: 'object',
      description: `A ${table.name} record to create or replace; system columns are set by the server`,
      properties: writable,
      additionalProperties: false,
      ...(requiredOnCreate.length > 0 && { required: requiredOnCreate }),
    },
    [n.patch]: {
      type: 'object',
      description: `The columns of a ${table.name} record to change`,
      properties: writable,
      additionalProperties: false,
    },
    [n.page]: pageOf(schemaRef(hasReferences ? n.listed : n.record), `A page of ${table.name} records`),
    [n.revision]: {
      type: 'object',
      required: ['revision', 'operation', 'before', 'after', 'actor', 'at', 'schemaVersion'],
      properties: {
        revision: { type: 'integer', minimum: 1 },
        operation: { type: 'string', enum: ['create', 'update', 'delete', 'restore'] },
        before: nullableRecord(n.record, 'The record before the change; null for a create'),
        after: nullableRecord(n.record, 'The record after the change; null for a delete'),
        actor: { type: 'string', format: 'uuid', nullable: true, description: 'The user who made the change' },
        at: { type: 'string', format: 'date-time' },
        schemaVersion: { type: 'integer', nullable: true, description: 'The schema version of the change' },
      },
    },
    [n.history]: pageOf(schemaRef(n.revision), `A page of a ${table.name} record's revisions, oldest first`),
    [n.restored]: {
      type: 'object',
      required: ['record', 'droppedColumns'],
      properties: {
        record: schemaRef(n.record),
        droppedColumns: {
          type: 'array',
          items: { type: 'string' },
          description: 'Columns the revision held that the table no longer has',
        },
      },
    },
  };
}

/** Components every table's routes share. */
export const SHARED_SCHEMAS: Record<string, SchemaObject> = {
  Error: {
    type: 'object',
    required: ['statusCode', 'error', 'code', 'message', 'requestId'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      code: { type: 'string', description: 'A stable, machine-readable name, e.g. `VALIDATION_FAILED`' },
      message: { type: 'string' },
      requestId: { type: 'string', description: 'Also in the `X-Request-Id` header' },
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
  RestoreRequest: {
    type: 'object',
    required: ['revision'],
    properties: { revision: { type: 'integer', minimum: 1, maximum: 2147483647 } },
  },
  AggregateResult: {
    type: 'object',
    required: ['results'],
    properties: {
      results: {
        type: 'array',
        description: 'One object per group: the group columns, `count` and `<fn>_<column>` per metric',
        items: { type: 'object', additionalProperties: true },
      },
    },
  },
};
