import { SchemaDefinition } from '../definition/schema-definition';
import { SCHEMA_TEMPLATES } from '../templates/schema-templates';
import { columnSchema } from './column-schemas';
import { tenantOpenApi } from './tenant-openapi';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = (doc: any) =>
  Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, ...item[m] })),
  );

describe('tenantOpenApi', () => {
  const crm = SCHEMA_TEMPLATES.find((x) => x.key === 'crm')!.definition;

  it('has the nine record routes of every table, each with a unique, method-like operationId', () => {
    const doc = tenantOpenApi({ slug: 'acme' }, { version: 3, definition: crm }) as any;
    expect(doc.info.version).toBe('3');
    const ids = operations(doc).map((op) => op.operationId);
    expect(ids).toHaveLength(crm.tables.length * 9);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    const records = '/api/tenants/acme/tables/contacts/records';
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        records,
        `${records}/{id}`,
        `${records}/{id}/history`,
        `${records}/{id}/restore`,
        '/api/tenants/acme/tables/contacts/aggregate',
      ]),
    );
    expect(doc.paths[records].post.requestBody.content['application/json'].schema.oneOf).toEqual([
      { $ref: '#/components/schemas/contacts-input' },
      { type: 'array', items: { $ref: '#/components/schemas/contacts-input' }, minItems: 1, maxItems: 1000 },
    ]);
    expect(doc.paths[records].post.responses['201']).toBeDefined();
    expect(doc.components.schemas.contacts.properties.id).toMatchObject({ format: 'uuid', readOnly: true });
  });

  it('answers every error in the error shape', () => {
    const doc = tenantOpenApi({ slug: 'acme' }, { version: 1, definition: crm }) as any;
    for (const op of operations(doc)) {
      const errors = Object.entries<any>(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.map(([status]) => status)).toEqual(expect.arrayContaining(['401', '403', '404']));
      for (const [, response] of errors)
        expect(response.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it('types each column by its type and options, bigints and decimals as strings', () => {
    expect(columnSchema({ name: 'a', type: 'string', maxLength: 20, required: true }, 'read')).toEqual({
      type: 'string',
      maxLength: 20,
    });
    expect(columnSchema({ name: 'a', type: 'enum', values: ['x', 'y'], default: 'x' }, 'write')).toEqual({
      type: 'string',
      enum: ['x', 'y', null],
      description: 'Default: `"x"`',
      nullable: true,
    });
    expect(columnSchema({ name: 'a', type: 'bigint', required: true }, 'read')).toMatchObject({
      type: 'string',
      pattern: '^-?\\d+$',
    });
    expect(columnSchema({ name: 'a', type: 'decimal', required: true, default: 0 }, 'write')).toMatchObject({
      type: 'string',
      description: 'An exact decimal, as a string. Default: `"0"`',
    });
    expect(columnSchema({ name: 'a', type: 'reference', references: 'companies' }, 'read')).toMatchObject({
      type: 'string',
      format: 'uuid',
      nullable: true,
    });
  });

  it('requires in the create body only required columns without a default, and leaves out system columns', () => {
    const definition: SchemaDefinition = {
      tables: [
        {
          name: 't',
          columns: [
            { name: 'a', type: 'text', required: true },
            { name: 'b', type: 'integer', required: true, default: 0 },
            { name: 'c', type: 'text' },
          ],
        },
      ],
    };
    const doc = tenantOpenApi({ slug: 'acme' }, { version: 1, definition }) as any;
    expect(doc.components.schemas['t-input'].required).toEqual(['a']);
    expect(Object.keys(doc.components.schemas['t-input'].properties)).toEqual(['a', 'b', 'c']);
    expect(doc.components.schemas['t-patch'].required).toBeUndefined();
    expect(doc.components.schemas.t.required).toEqual([
      'id',
      'a',
      'b',
      'c',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
    ]);
  });

  it('documents the filters each column takes, and shorthands only where the route does not reserve the name', () => {
    const definition: SchemaDefinition = {
      tables: [
        {
          name: 't',
          columns: [
            { name: 'qty', type: 'integer' },
            { name: 'done', type: 'boolean' },
            { name: 'page', type: 'text' },
            { name: 'data', type: 'json' },
          ],
        },
      ],
    };
    const doc = tenantOpenApi({ slug: 'acme' }, { version: 1, definition }) as any;
    const names = (params: any[]) =>
      params.map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()].name : p.name));
    const list = names(doc.paths['/api/tenants/acme/tables/t/records'].get.parameters);
    const aggregate = names(doc.paths['/api/tenants/acme/tables/t/aggregate'].get.parameters);
    expect(list).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'cursor', 'count', 'sort', 'fields', 'expand', 'search']),
    );
    expect(list).toEqual(
      expect.arrayContaining(['filter[qty][gt]', 'filter[qty][between]', 'qty', 'filter[data][isNull]']),
    );
    expect(list).not.toContain('filter[done][gt]');
    expect(list).not.toContain('filter[qty][contains]');
    expect(list).not.toContain('filter[data][eq]');
    expect(list.filter((n) => n === 'page')).toHaveLength(1);
    expect(aggregate).toEqual(expect.arrayContaining(['groupBy', 'metrics', 'page', 'filter[page][contains]']));
    expect(new Set(list).size).toBe(list.length);
  });

  it('makes an empty definition a document with no routes and no unused components', () => {
    const doc = tenantOpenApi({ slug: 'acme' }, { version: 0, definition: { tables: [] } }) as any;
    expect(doc.paths).toEqual({});
    expect(doc.components.schemas).toEqual({});
  });
});
