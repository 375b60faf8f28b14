import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { TenantContext } from './tenant-context';
import { TenantRequest } from './tenant-access.guard';

/** The tenant the `TenantAccessGuard` resolved for this request. */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext => {
  const tenant = ctx.switchToHttp().getRequest<TenantRequest>().tenant;
  if (!tenant) throw new Error('@Tenant() used on a route without @TenantRoles()');
  return tenant;
});
