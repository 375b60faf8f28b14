import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, notFound } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { TENANT_ACCESS_RESOLVER, TenantAccessResolver } from '../tenancy/tenant-access.resolver';
import { TENANT_NOT_FOUND, TenantRequest } from '../tenancy/tenant-request';
import { AccessPolicy, accessPolicyOf } from './access-policy';

/**
 * Enforces the route's `AccessPolicy` after `JwtAuthGuard` has authenticated the caller. A
 * route naming `:tenant` resolves it first (unknown tenants and non-members: 404) and hands
 * the route its `TenantContext`. A route without a policy is refused to everyone: start-up
 * already refuses such an app, this is the second lock.
 */
@Injectable()
export class AccessPolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TENANT_ACCESS_RESOLVER)
    private readonly resolver: TenantAccessResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = accessPolicyOf(this.reflector, context);
    if (!policy) throw forbidden(CoreErrorCode.FORBIDDEN, 'This route declares no access policy');
    if (policy.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const slug = (request.params as Record<string, string | undefined>).tenant;
    if (slug !== undefined || policy.kind === 'tenant') await this.resolveTenant(request, slug);
    if (!this.allows(policy, request)) throw forbidden(CoreErrorCode.FORBIDDEN, refusal(policy));
    return true;
  }

  private async resolveTenant(request: TenantRequest, slug: string | undefined): Promise<void> {
    if (!request.user || !slug) throw notFound(TENANT_NOT_FOUND, 'Tenant not found');
    const tenant = await this.resolver.resolve(slug, request.user, request.cacheVersions);
    if (!tenant) throw notFound(TENANT_NOT_FOUND, `Tenant ${slug} not found`);
    request.tenant = tenant;
  }

  private allows(policy: AccessPolicy, request: TenantRequest): boolean {
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
}

function refusal(policy: AccessPolicy): string {
  if (policy.kind === 'tenant') return `This needs one of the tenant roles: ${policy.roles.join(', ')}`;
  return 'Only a superadmin may do this';
}
