import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';

const BODY_LIMIT_KEY = 'bodyLimit';

/**
 * Caps this route's request body: Fastify answers 413 PAYLOAD_TOO_LARGE from the Content-Length
 * (or as soon as the stream passes the limit), before anything is parsed. Needs
 * `applyRouteBodyLimits` on the Fastify instance.
 */
export const BodyLimit = (bytes: number) => RouteConfig({ [BODY_LIMIT_KEY]: bytes });

/** Turns each route's `@BodyLimit` into its Fastify `bodyLimit`; call before the routes are registered. */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const limit = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT_KEY];
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
