import { AppException } from '../errors/app.exception';
import { TenantAccessResolver } from '../tenancy/tenant-access.resolver';
import { TenantContext } from '../tenancy/tenant-context';
import { TenantRequest } from '../tenancy/tenant-request';
import { enforceAccessPolicy } from './access-policy-enforcement';
import { AccessPolicy } from './access-policy';
import { TenantRole } from './auth-user';

const viewers: AccessPolicy = { kind: 'tenant', roles: [TenantRole.Viewer] };
const context = (role: TenantRole | null): TenantContext => ({
  tenantId: 't1',
  slug: 'acme',
  schemaName: 'tenant_acme',
  role,
});
const request = () =>
  ({
    params: { tenant: 'acme' },
    user: { id: 'u1', email: 'u@x.test', isSuperadmin: false },
  }) as unknown as TenantRequest;
const resolverAnswering = (answer: ReturnType<TenantAccessResolver['resolve']>): TenantAccessResolver => ({
  resolve: () => answer,
});
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppException ? error.code : error;
  }
  return undefined;
};

describe('enforceAccessPolicy', () => {
  it('admits at once, without a promise, when the resolver answers at once', () => {
    const req = request();
    expect(enforceAccessPolicy(viewers, req, resolverAnswering(context(TenantRole.Viewer)))).toBeUndefined();
    expect(req.tenant).toEqual(context(TenantRole.Viewer));
  });

  it('refuses at once as it would after a read: 404 for no tenant, 403 for another role', () => {
    expect(codeOf(() => enforceAccessPolicy(viewers, request(), resolverAnswering(null)))).toBe('TENANT_NOT_FOUND');
    expect(codeOf(() => enforceAccessPolicy(viewers, request(), resolverAnswering(context(TenantRole.Editor))))).toBe(
      'FORBIDDEN',
    );
  });

  it('waits for a resolver that reads', async () => {
    const req = request();
    await enforceAccessPolicy(viewers, req, resolverAnswering(Promise.resolve(context(TenantRole.Viewer))));
    expect(req.tenant).toEqual(context(TenantRole.Viewer));
    await expect(enforceAccessPolicy(viewers, request(), resolverAnswering(Promise.resolve(null)))).rejects.toThrow(
      'Tenant acme not found',
    );
  });
});
