import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { TenantContext } from './tenant-context';
import { TenantRequest } from './tenant-request';

/** The tenant the `AccessPolicyGuard` resolved for this request (routes with `:tenant`). */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext => {
  const tenant = ctx.switchToHttp().getRequest<TenantRequest>().tenant;
  if (!tenant) throw new Error('@Tenant() used on a route without :tenant in its path');
  return tenant;
});
