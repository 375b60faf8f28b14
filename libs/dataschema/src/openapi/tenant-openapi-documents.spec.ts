import { gunzipSync } from 'node:zlib';
import { ActiveSchema } from '../versions/schema-version';
import { tenantOpenApi } from './tenant-openapi';
import { TenantOpenApiDocuments } from './tenant-openapi-documents';

const schemaAt = (version: number, tables: string[]): ActiveSchema => ({
  version,
  definition: {
    tables: tables.map((name, i) => ({
      id: `t_${String(i).padStart(6, '0')}`,
      name,
      columns: [{ id: `c_${String(i).padStart(6, '0')}`, name: 'title', type: 'string' }],
    })),
  },
  createdAt: null,
  createdBy: null,
});

const tenant = (n: number) => ({
  tenantId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
  slug: `tenant_${n}`,
});

describe('TenantOpenApiDocuments', () => {
  it('renders once per version: later reads of that version share the rendering, a new version renders again', async () => {
    const documents = new TenantOpenApiDocuments();
    const v1 = schemaAt(1, ['customers']);
    const [a, b] = await Promise.all([documents.get(tenant(1), v1), documents.get(tenant(1), v1)]);
    await documents.get(tenant(1), v1);
    expect(documents.renderings).toBe(1);
    expect(a).toBe(b);
    expect(JSON.parse(gunzipSync(a.gzip).toString('utf8'))).toEqual(tenantOpenApi(tenant(1), v1));

    const v2 = await documents.get(tenant(1), schemaAt(2, ['customers', 'orders']));
    expect(documents.renderings).toBe(2);
    expect(v2.etag).not.toBe(a.etag);
    expect(JSON.parse(gunzipSync(v2.gzip).toString('utf8')).paths).toHaveProperty([
      '/api/tenants/tenant_1/tables/orders/records',
    ]);
  });

  it('gives equal documents equal ETags in every process', async () => {
    const documents = new TenantOpenApiDocuments();
    const first = await documents.get(tenant(1), schemaAt(1, ['customers']));
    const again = await new TenantOpenApiDocuments().get(tenant(1), schemaAt(1, ['customers']));
    expect(again.etag).toBe(first.etag);
  });

  it('keeps the most recently used documents within its byte budget', async () => {
    const documents = new TenantOpenApiDocuments();
    const size = (await new TenantOpenApiDocuments().get(tenant(0), schemaAt(1, ['customers']))).gzip.length;
    documents.maxBytes = size * 2.5;
    for (const n of [1, 2]) await documents.get(tenant(n), schemaAt(1, ['customers']));
    await documents.get(tenant(1), schemaAt(1, ['customers'])); // 1 is now the most recent
    await documents.get(tenant(3), schemaAt(1, ['customers'])); // over budget: 2 leaves
    expect(documents.renderings).toBe(3);
    await documents.get(tenant(1), schemaAt(1, ['customers']));
    await documents.get(tenant(3), schemaAt(1, ['customers']));
    expect(documents.renderings).toBe(3);
    await documents.get(tenant(2), schemaAt(1, ['customers']));
    expect(documents.renderings).toBe(4);
  });
});
