import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { TenantContext } from './tenant-context';
import { TenantRequest } from './tenant-request';

/** The tenant resolved for this request by its access policy (routes with `:tenant`). */
export function tenantOf(request: TenantRequest): TenantContext {
  const tenant = request.tenant;
  if (!tenant) throw new Error('@Tenant() used on a route without :tenant in its path');
  return tenant;
}

/** The tenant the `AccessPolicyGuard` resolved for this request (routes with `:tenant`). */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext =>
  tenantOf(ctx.switchToHttp().getRequest<TenantRequest>()),
);
