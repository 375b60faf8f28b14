import { AccessCacheVersion, Env, TenantRole } from '@app/core';
import { TenantsAccessResolver } from './tenant-access.resolver';
import { TenantAccessRow, TenantsRepository } from './tenants.repository';

const row = (role: TenantRole | null): TenantAccessRow => ({
  id: '7a1d6f3e-0000-4000-8000-000000000001',
  slug: 'acme',
  schemaName: 'tenant_acme',
  role,
});

const resolverWith = (found: TenantAccessRow | null) => {
  const repository = { findAccess: jest.fn(async () => found) };
  // No caching here (TTL 0): these cases are about the rule; the cache has its own e2e tests.
  const env = { AUTH_CACHE_TTL_SECONDS: 0 } as Env;
  const version = { onClear: () => undefined } as unknown as AccessCacheVersion;
  return { resolver: new TenantsAccessResolver(repository as unknown as TenantsRepository, env, version), repository };
};

const member = { id: 'u1', email: 'm@x.test', isSuperadmin: false };
const superadmin = { id: 'u2', email: 's@x.test', isSuperadmin: true };

describe('TenantsAccessResolver', () => {
  it('gives a member the tenant and their role', async () => {
    const { resolver } = resolverWith(row(TenantRole.Viewer));
    await expect(resolver.resolve('acme', member)).resolves.toEqual({
      tenantId: row(null).id,
      slug: 'acme',
      schemaName: 'tenant_acme',
      role: TenantRole.Viewer,
    });
  });

  it('hides the tenant from a non-member', async () => {
    const { resolver } = resolverWith(row(null));
    await expect(resolver.resolve('acme', member)).resolves.toBeNull();
  });

  it('lets a superadmin in without a role', async () => {
    const { resolver } = resolverWith(row(null));
    await expect(resolver.resolve('acme', superadmin)).resolves.toMatchObject({ slug: 'acme', role: null });
  });

  it('answers null for an unknown tenant, and for a malformed slug without asking the database', async () => {
    const { resolver, repository } = resolverWith(null);
    expect(await resolver.resolve('nope', superadmin)).toBeNull();
    expect(await resolver.resolve('../etc', superadmin)).toBeNull();
    expect(repository.findAccess).toHaveBeenCalledTimes(1);
  });

  it('answers a repeated request at once, without a promise, under the versions it was read with', async () => {
    const repository = { findAccess: jest.fn(async () => row(TenantRole.Viewer)) };
    const env = { AUTH_CACHE_TTL_SECONDS: 30 } as Env;
    const version = { onClear: () => undefined } as unknown as AccessCacheVersion;
    const resolver = new TenantsAccessResolver(repository as unknown as TenantsRepository, env, version);
    const versions = { access: '7', schema: '1' };
    await expect(resolver.resolve('acme', member, versions)).resolves.toMatchObject({ role: TenantRole.Viewer });
    expect(resolver.resolve('acme', member, versions)).toEqual({
      tenantId: row(null).id,
      slug: 'acme',
      schemaName: 'tenant_acme',
      role: TenantRole.Viewer,
      versions,
    });
    expect(repository.findAccess).toHaveBeenCalledTimes(1);
    // Another version (a change anywhere) or none (Redis unreachable): read again.
    await expect(resolver.resolve('acme', member, { access: '8', schema: '1' })).resolves.toBeTruthy();
    await expect(resolver.resolve('acme', member, { access: null, schema: null })).resolves.toBeTruthy();
    expect(repository.findAccess).toHaveBeenCalledTimes(3);
  });
});
