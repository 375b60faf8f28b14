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
  /** The route's HTTP method: GET for the reads, POST for `@FastCreate`. */
  readonly verb: 'GET' | 'POST';
  /** The status of a successful answer, as Nest gives it (200 for a GET, 201 for a POST). */
  readonly status: number;
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
    fastRoute({ verb: 'GET', status: 200, controller: target.constructor as Type<unknown>, method, args }, descriptor);
  };
}

/**
 * `@FastRead` for a hot POST that creates: the same access policy, handler and error replies past
 * Nest's router, answering 201 as Nest does. Only for handlers whose parameters need no pipe (the
 * global validation lets an `unknown` body and string path parameters through unchanged).
 */
export function FastCreate(args: FastReadArguments): MethodDecorator {
  return (target, method, descriptor) => {
    fastRoute({ verb: 'POST', status: 201, controller: target.constructor as Type<unknown>, method, args }, descriptor);
  };
}

function fastRoute<T>(route: FastReadRoute, descriptor: TypedPropertyDescriptor<T>): void {
  RouteConfig({ [FAST_READ_KEY]: route })(route.controller.prototype as object, route.method, descriptor);
}
