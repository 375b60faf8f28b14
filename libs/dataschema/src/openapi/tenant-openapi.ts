import { SchemaDefinition, TableDefinition } from '../definition/schema-definition';
import { SchemaObject } from './column-schemas';
import { aggregateParameters, filterParameters, listParameters, PAGE_PARAMETERS } from './record-query-parameters';
import { componentNames, schemaRef, SHARED_SCHEMAS, tableSchemas } from './record-schemas';

/** Most records one POST creates (API.md). */
const MAX_BULK_RECORDS = 1000;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details` name each field or parameter',
  401: 'No or bad token',
  403: 'The caller’s role does not allow this',
  404: 'No such tenant, table, record or revision (or not visible to the caller)',
  409: 'A unique value already taken, a restrict reference, or a schema change under way',
  422: 'Valid JSON that cannot be applied, e.g. a reference to a record that does not exist',
};

const json = (schema: SchemaObject) => ({ content: { 'application/json': { schema } } });

function errors(...statuses: number[]) {
  return Object.fromEntries(
    [...statuses, 401, 403, 404].map((s) => [
      String(s),
      { description: ERROR_DESCRIPTIONS[s], ...json(schemaRef('Error')) },
    ]),
  );
}

const pascal = (name: string) => name.replace(/(^|_+)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** `Companies` for `companies`; tables whose names differ only by underscores get their position appended. */
function operationStems(tables: readonly TableDefinition[]): Map<string, string> {
  const taken = new Map<string, number>();
  for (const t of tables) taken.set(pascal(t.name), (taken.get(pascal(t.name)) ?? 0) + 1);
  return new Map(
    tables.map((t, i) => [t.name, taken.get(pascal(t.name))! > 1 ? `${pascal(t.name)}T${i + 1}` : pascal(t.name)]),
  );
}

function tablePaths(slug: string, table: TableDefinition, stem: string): Record<string, unknown> {
  const n = componentNames(table.name);
  const tags = [table.name];
  const tablePath = `/api/tenants/${slug}/tables/${table.name}`;
  const records = `${tablePath}/records`;
  const idParameter = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The record’s id',
    schema: { type: 'string', format: 'uuid' },
  };
  const one = (description: string) => ({ description, ...json(schemaRef(n.record)) });
  const inputs = { type: 'array', items: schemaRef(n.input), minItems: 1, maxItems: MAX_BULK_RECORDS };
  return {
    [records]: {
      get: {
        operationId: `list${stem}`,
        summary: `List ${table.name} records`,
        tags,
        parameters: listParameters(table),
        responses: {
          '200': { description: `A page of ${table.name} records`, ...json(schemaRef(n.page)) },
          ...errors(400),
        },
      },
      post: {
        operationId: `create${stem}`,
        summary: `Create one ${table.name} record, or up to ${MAX_BULK_RECORDS} at once (all or none)`,
        tags,
        requestBody: { required: true, ...json({ oneOf: [schemaRef(n.input), inputs] }) },
        responses: {
          '201': {
            description: 'The record, or the records in the order given',
            ...json({ oneOf: [schemaRef(n.record), { type: 'array', items: schemaRef(n.record) }] }),
          },
          ...errors(400, 409, 422),
        },
      },
    },
    [`${records}/{id}`]: {
      parameters: [idParameter],
      get: {
        operationId: `get${stem}`,
        summary: `One ${table.name} record`,
        tags,
        responses: { '200': one('The record'), ...errors(400) },
      },
      put: {
        operationId: `replace${stem}`,
        summary: `Replace a ${table.name} record (columns left out go back to their default, else null)`,
        tags,
        requestBody: { required: true, ...json(schemaRef(n.input)) },
        responses: { '200': one('The record'), ...errors(400, 409, 422) },
      },
      patch: {
        operationId: `update${stem}`,
        summary: `Change some columns of a ${table.name} record`,
        tags,
        requestBody: { required: true, ...json(schemaRef(n.patch)) },
        responses: { '200': one('The record'), ...errors(400, 409, 422) },
      },
      delete: {
        operationId: `delete${stem}`,
        summary: `Delete a ${table.name} record`,
        tags,
        responses: { '204': { description: 'Deleted' }, ...errors(400, 409) },
      },
    },
    [`${records}/{id}/history`]: {
      parameters: [idParameter],
      get: {
        operationId: `history${stem}`,
        summary: `The revisions of a ${table.name} record, oldest first (a deleted record’s too)`,
        tags,
        parameters: PAGE_PARAMETERS,
        responses: { '200': { description: 'A page of revisions', ...json(schemaRef(n.history)) }, ...errors(400) },
      },
    },
    [`${records}/{id}/restore`]: {
      parameters: [idParameter],
      post: {
        operationId: `restore${stem}`,
        summary: `Bring a ${table.name} record back as it was at a revision (itself a new revision)`,
        tags,
        requestBody: { required: true, ...json(schemaRef('RestoreRequest')) },
        responses: {
          '200': {
            description: 'The restored record and the columns that no longer exist',
            ...json(schemaRef(n.restored)),
          },
          ...errors(400, 409, 422),
        },
      },
    },
    [`${tablePath}/aggregate`]: {
      get: {
        operationId: `aggregate${stem}`,
        summary: `Group ${table.name} records and compute metrics`,
        tags,
        parameters: aggregateParameters(table),
        responses: {
          '200': { description: 'One result per group', ...json(schemaRef('AggregateResult')) },
          ...errors(400),
        },
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
  const stems = operationStems(tables);
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
    tags: tables.map((t) => ({ name: t.name, description: t.description || `Records of ${t.name}` })),
    paths: Object.assign({}, ...tables.map((t) => tablePaths(tenant.slug, t, stems.get(t.name)!))),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      // With no table there is no route, so no shared component is used either.
      schemas: tables.length === 0 ? {} : Object.assign({ ...SHARED_SCHEMAS }, ...tables.map(tableSchemas)),
      parameters: Object.assign({}, ...tables.map(filterParameters)),
    },
  };
}
