import { SCHEMA_TEMPLATES } from '../templates/schema-templates';
import { columnSchema, tenantOpenApi } from './tenant-openapi';

describe('tenantOpenApi', () => {
  const crm = SCHEMA_TEMPLATES.find((x) => x.key === 'crm')!.definition;

  it('has the five record routes of every table, each with a unique operationId', () => {
    const doc = tenantOpenApi({ slug: 'acme' }, { version: 3, definition: crm }) as any;
    expect(doc.info.version).toBe('3');
    const ops = Object.values(doc.paths).flatMap((item: any) =>
      ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m]).map((m) => item[m].operationId),
    );
    expect(ops).toHaveLength(crm.tables.length * 6);
    expect(new Set(ops).size).toBe(ops.length);
    for (const table of crm.tables) {
      expect(
        doc.paths[`/api/tenants/acme/tables/${table.name}/records`].post.requestBody.content['application/json'].schema,
      ).toEqual({ $ref: `#/components/schemas/${table.name}-input` });
      expect(doc.components.schemas[table.name].properties.id).toMatchObject({ format: 'uuid', readOnly: true });
    }
  });

  it('types each column by its type and options', () => {
    expect(columnSchema({ name: 'a', type: 'string', maxLength: 20, required: true })).toEqual({
      type: 'string',
      maxLength: 20,
    });
    expect(columnSchema({ name: 'a', type: 'enum', values: ['x', 'y'], default: 'x' })).toEqual({
      type: 'string',
      enum: ['x', 'y'],
      default: 'x',
      nullable: true,
    });
    expect(columnSchema({ name: 'a', type: 'bigint', required: true })).toEqual({ type: 'integer', format: 'int64' });
    expect(columnSchema({ name: 'a', type: 'reference', references: 'companies', required: true })).toMatchObject({
      type: 'string',
      format: 'uuid',
    });
  });

  it('requires in the create body only required columns without a default', () => {
    const doc = tenantOpenApi(
      { slug: 'acme' },
      {
        version: 1,
        definition: {
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
        },
      },
    ) as any;
    expect(doc.components.schemas['t-input'].required).toEqual(['a']);
    expect(doc.components.schemas.t.required).toEqual(expect.arrayContaining(['id', 'a', 'b']));
  });
});
