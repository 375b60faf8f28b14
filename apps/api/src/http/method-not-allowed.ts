import { CoreErrorCode, errorBody } from '@app/core';
import type { FastifyInstance } from 'fastify';
import { RouteTable } from './route-table';

/**
 * A known path with another method is a 405 with `Allow`, in the contract's error shape, not a 404.
 * Call before any route is registered: the table learns the routes as they are added.
 */
export function answerWrongMethodWith405(instance: FastifyInstance): void {
  const routes = new RouteTable();
  instance.addHook('onRoute', (route) => routes.add(route.method, route.url));
  instance.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const allowed = routes.methodsFor(request.url.split('?')[0]).join(', ');
    if (!allowed) return;
    const body = errorBody(
      405,
      CoreErrorCode.METHOD_NOT_ALLOWED,
      `${request.method} is not allowed here; allowed: ${allowed}`,
      String(request.id),
    );
    return reply.code(405).header('Allow', allowed).header('X-Request-Id', body.requestId).send(body);
  });
}
