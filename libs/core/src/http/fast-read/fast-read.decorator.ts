import type { Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { TenantRequest } from '../../tenancy/tenant-request';

export const FAST_READ_KEY = 'fastRead';

/**
 * The handler's arguments taken from the request, exactly as its parameter decorators take them
 * (`@Param('id')` is `request.params.id`, `@Tenant()` is `tenantOf(request)`, a validated
 * `@Query()` DTO is `validQuery(request, Dto)`).
 */
export type FastReadArguments = (request: FastReadRequest) => unknown[] | Promise<unknown[]>;

/** The request once its access policy passed, its path parameters as Fastify parsed them. */
export type FastReadRequest = TenantRequest & { params: Record<string, string> };

/** What `@FastRead` records in the route's Fastify config for `installFastReads`. */
export interface FastReadRoute {
  readonly controller: Type<unknown>;
  readonly method: string | symbol;
  readonly args: FastReadArguments;
}

/**
 * Serves this GET handler straight from its Fastify route, past Nest's router, guards, pipes
 * and filters: the same access policy, handler and error replies, with a fraction of the CPU
 * (docs/architecture.md, "Fast read routes"). Only for hot reads whose parameters need no pipe
 * beyond the global validation. Needs `installFastReads` on the Fastify instance, and takes the
 * route's `@RouteConfig` (so no `@BodyLimit` on the same handler).
 */
export function FastRead(args: FastReadArguments): MethodDecorator {
  return (target, method, descriptor) => {
    const route: FastReadRoute = { controller: target.constructor as Type<unknown>, method, args };
    RouteConfig({ [FAST_READ_KEY]: route })(target, method, descriptor);
  };
}
