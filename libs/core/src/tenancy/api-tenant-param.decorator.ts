import { ApiParam } from '@nestjs/swagger';

/**
 * Documents the `{tenant}` path parameter (the slug) of a route under `tenants/:tenant`. Put it on the
 * controller, or on each `:tenant` route; the OpenAPI lint in `npm test` fails a route that lacks it.
 */
export const ApiTenantParam = () =>
  ApiParam({ name: 'tenant', type: String, description: 'The tenant’s slug', example: 'acme' });
