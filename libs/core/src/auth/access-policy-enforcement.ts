import { forbidden, notFound } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { TenantAccessResolver } from '../tenancy/tenant-access.resolver';
import { TenantContext } from '../tenancy/tenant-context';
import { TENANT_NOT_FOUND, TenantRequest } from '../tenancy/tenant-request';
import { AccessPolicy } from './access-policy';

/**
 * Enforces a route's `AccessPolicy` on a request already authenticated (unless the policy is
 * public). A route naming `:tenant` resolves it first (unknown tenants and non-members: 404) and
 * puts its `TenantContext` on `request.tenant`. No policy: refused to everyone. Used by
 * `AccessPolicyGuard` and by the fast read routes (`installFastReads`). Throws, or returns a
 * promise only while the tenant's access has to be read: callers await it either way.
 */
export function enforceAccessPolicy(
  policy: AccessPolicy | undefined,
  request: TenantRequest,
  resolver: TenantAccessResolver,
): void | Promise<void> {
  if (!policy) throw forbidden(CoreErrorCode.FORBIDDEN, 'This route declares no access policy');
  if (policy.kind === 'public') return;
  const slug = (request.params as Record<string, string | undefined>).tenant;
  if (slug === undefined && policy.kind !== 'tenant') return check(policy, request);
  if (!request.user || !slug) throw notFound(TENANT_NOT_FOUND, 'Tenant not found');
  const tenant = resolver.resolve(slug, request.user, request.cacheVersions);
  if (tenant instanceof Promise) return tenant.then((found) => enter(policy, request, slug, found));
  enter(policy, request, slug, tenant);
}

/** Puts the resolved tenant on the request (404 when there is none), then checks the policy. */
function enter(policy: AccessPolicy, request: TenantRequest, slug: string, tenant: TenantContext | null): void {
  if (!tenant) throw notFound(TENANT_NOT_FOUND, `Tenant ${slug} not found`);
  request.tenant = tenant;
  check(policy, request);
}

function check(policy: AccessPolicy, request: TenantRequest): void {
  if (!allows(policy, request)) throw forbidden(CoreErrorCode.FORBIDDEN, refusal(policy));
}

function allows(policy: AccessPolicy, request: TenantRequest): boolean {
  const user = request.user;
  if (!user) return false;
  switch (policy.kind) {
    case 'authenticated':
      return true;
    case 'superadmin':
      return user.isSuperadmin;
    case 'tenant': {
      const role = request.tenant?.role;
      return user.isSuperadmin || (role != null && policy.roles.includes(role));
    }
    default:
      return false;
  }
}

function refusal(policy: AccessPolicy): string {
  if (policy.kind === 'tenant') return `This needs one of the tenant roles: ${policy.roles.join(', ')}`;
  return 'Only a superadmin may do this';
}
