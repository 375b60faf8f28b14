import type { InjectOptions } from 'light-my-request';
import { deleteTenant, uniqueSlug } from '../factories/tenants.factory';
import { injectRequest, QueryRecorder } from '../utils/query-recorder';
import { startTestApp, TestApp } from '../utils/test-app';

const MORE_TENANTS = 20;

/**
 * Provisioning a tenant, listing tenants and the readiness check cost as many queries with 20
 * tenants more as before: none of them walks the tenants (the bench measures 1,000). Requests go
 * through `injectRequest`, so only their own queries are counted.
 */
describe('many tenants', () => {
  let t: TestApp;
  let token: string;
  let recorder: QueryRecorder;
  const slugs: string[] = [];

  const request = (options: InjectOptions) =>
    injectRequest(t.app, { ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });

  async function createTenant(): Promise<string[]> {
    const slug = uniqueSlug('many');
    const { result, queries } = await recorder.record(() =>
      request({ method: 'POST', url: '/api/tenants', payload: { name: slug, slug } }),
    );
    expect(result.statusCode).toBe(201);
    slugs.push(slug);
    return queries;
  }

  /** The queries of one warm request (the first one fills the caches). */
  async function queriesOf(url: string): Promise<string[]> {
    expect((await request({ method: 'GET', url })).statusCode).toBe(200);
    const { result, queries } = await recorder.record(() => request({ method: 'GET', url }));
    expect(result.statusCode).toBe(200);
    return queries;
  }

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    recorder = new QueryRecorder(t.db);
  });

  afterAll(async () => {
    for (const slug of slugs) await deleteTenant(t, token, slug);
    await t.close();
  });

  it('creates a tenant, lists tenants and checks readiness in as many queries with 20 tenants more', async () => {
    await createTenant(); // the app's first audited write records its signing key once
    const before = {
      create: await createTenant(),
      list: await queriesOf('/api/tenants?pageSize=1'),
      lastPage: await queriesOf('/api/tenants?pageSize=1&page=1000'),
      ready: await queriesOf('/health/ready'),
    };
    for (let i = 0; i < MORE_TENANTS; i++) await createTenant();
    const after = {
      create: await createTenant(),
      list: await queriesOf('/api/tenants?pageSize=1'),
      lastPage: await queriesOf('/api/tenants?pageSize=1&page=1000'),
      ready: await queriesOf('/health/ready'),
    };
    expect(after.create).toHaveLength(before.create.length);
    expect(after.list).toHaveLength(before.list.length);
    expect(after.lastPage).toHaveLength(before.lastPage.length);
    expect(after.ready).toHaveLength(before.ready.length);
    expect(before.list.length).toBeLessThanOrEqual(2);
  });
});
