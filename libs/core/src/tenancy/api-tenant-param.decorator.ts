import { ApiParam } from '@nestjs/swagger';

/**
 * Documents the `{tenant}` path parameter (the slug). `@TenantRoles` applies it, so only a `:tenant`
 * route with another policy (a superadmin-only one) needs it; the OpenAPI lint in `npm test` fails a
 * route that lacks it.
 */
export const ApiTenantParam = () =>
  ApiParam({ name: 'tenant', type: String, description: 'The tenant’s slug', example: 'acme' });
