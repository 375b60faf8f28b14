import type { Type } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ACCESS_POLICY_KEY, AccessPolicy } from '../../auth/access-policy';
import { enforceAccessPolicy } from '../../auth/access-policy-enforcement';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import { errorsLogger, replyWithError } from '../../errors/all-exceptions.filter';
import type { TenantAccessResolver } from '../../tenancy/tenant-access.resolver';
import type { TenantRequest } from '../../tenancy/tenant-request';
import { FAST_READ_KEY, FastReadRequest, FastReadRoute } from './fast-read.decorator';

/** What the fast read routes need from the app, looked up when the routes are registered. */
export interface FastReadServices {
  /** The controller instance whose handler a route serves (the app's own, from Nest's container). */
  controller(type: Type<unknown>): unknown;
  /** Who is calling, as the global `JwtAuthGuard` checks it (`RequestAuthenticator.authenticate`). */
  authenticate(request: AuthenticatedRequest): Promise<void>;
  tenantAccess(): TenantAccessResolver;
}

type Handler = (...args: unknown[]) => unknown;

/** The handler's policy as `accessPolicyOf` reads it: the handler's, else its controller's. */
function policyOf(route: FastReadRoute, handler: Handler): AccessPolicy | undefined {
  return (
    (Reflect.getMetadata(ACCESS_POLICY_KEY, handler) as AccessPolicy | undefined) ??
    (Reflect.getMetadata(ACCESS_POLICY_KEY, route.controller) as AccessPolicy | undefined)
  );
}

/** Nest's Fastify adapter answers 404 to a route whose path parameter is empty (`/api/tenants//...`). */
function hasEmptyParam(params: unknown): boolean {
  for (const name in params as Record<string, string>) {
    if ((params as Record<string, string>)[name] === '' && name !== '*') return true;
  }
  return false;
}

function fastReadHandler(route: FastReadRoute, services: FastReadServices) {
  const controller = services.controller(route.controller) as Record<string | symbol, Handler>;
  const handler = controller[route.method];
  const policy = policyOf(route, handler);
  const resolver = services.tenantAccess();
  // Resolves to nothing once the reply is sent, as Nest's own route handlers do.
  return async function fastRead(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (hasEmptyParam(request.params)) {
      reply.callNotFound();
      return;
    }
    try {
      if (policy?.kind !== 'public') await services.authenticate(request);
      await enforceAccessPolicy(policy, request as TenantRequest, resolver);
      const result = await handler.apply(controller, await route.args(request as FastReadRequest));
      void reply.code(route.status).send(result);
    } catch (error) {
      replyWithError(error, request, reply, errorsLogger);
    }
  };
}

/**
 * Whether `installFastReads` serves this request: a GET of a `@FastRead` route (its HEAD twin keeps
 * Nest's handler). Such requests run outside nestjs-pino's request context (`logRequests`): what
 * they log names the `requestId` itself (`replyWithError` does; nothing else on their path logs).
 */
export function servedFast(request: FastifyRequest): boolean {
  const config: object | undefined = request.routeOptions.config;
  return request.method === 'GET' && config !== undefined && FAST_READ_KEY in config;
}

const fastUrls = new WeakMap<FastifyInstance, string[]>();

/** The routes `installFastReads` serves (`GET /api/users`, ...), in registration order. */
export function fastReadUrls(fastify: FastifyInstance): readonly string[] {
  return fastUrls.get(fastify) ?? [];
}

/**
 * Swaps the handler of every route marked `@FastRead` (GET) or `@FastCreate` (POST) for one that runs the same access
 * policy and controller method without Nest's router pipeline. The route itself (path, Fastify
 * hooks, logging middleware, metrics) stays the one Nest registered; its HEAD twin keeps Nest's
 * handler. Call before the app's routes are registered (`app.init()`).
 */
export function installFastReads(fastify: FastifyInstance, services: FastReadServices): void {
  const urls: string[] = [];
  fastUrls.set(fastify, urls);
  fastify.addHook('onRoute', (options: RouteOptions) => {
    const route = (options.config as Record<string, unknown> | undefined)?.[FAST_READ_KEY] as FastReadRoute | undefined;
    if (!route || options.method !== route.verb) return;
    options.handler = fastReadHandler(route, services);
    urls.push(`${route.verb} ${options.url}`);
  });
}
