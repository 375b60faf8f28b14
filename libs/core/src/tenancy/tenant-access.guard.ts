import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, TENANT_ROLES_KEY } from '../auth/auth.decorators';
import { TenantRole } from '../auth/auth-user';
import { forbidden, notFound } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { TENANT_ACCESS_RESOLVER, TenantAccessResolver } from './tenant-access.resolver';
import { TenantContext } from './tenant-context';

export type TenantRequest = AuthenticatedRequest & { tenant?: TenantContext };

export const TENANT_NOT_FOUND = 'TENANT_NOT_FOUND';

/**
 * On routes marked with `@TenantRoles`, resolves `:tenant` and checks the caller's role.
 * Unknown tenants and tenants the caller is no member of are both 404.
 */
@Injectable()
export class TenantAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TENANT_ACCESS_RESOLVER)
    private readonly resolver: TenantAccessResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<TenantRole[] | undefined>(TENANT_ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const slug = (request.params as Record<string, string | undefined>).tenant;
    if (!request.user || !slug) throw notFound(TENANT_NOT_FOUND, 'Tenant not found');
    const tenant = await this.resolver.resolve(slug, request.user);
    if (!tenant) throw notFound(TENANT_NOT_FOUND, `Tenant ${slug} not found`);
    if (!request.user.isSuperadmin && (!tenant.role || !roles.includes(tenant.role))) {
      throw forbidden(CoreErrorCode.FORBIDDEN, `This needs one of the tenant roles: ${roles.join(', ')}`);
    }
    request.tenant = tenant;
    return true;
  }
}
