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
  // A callback hook, not an async one: every request passes here, and most leave at once.
  instance.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    const allowed = routes.methodsFor(request.url.split('?')[0]).join(', ');
    if (!allowed) return done();
    const body = errorBody(
      405,
      CoreErrorCode.METHOD_NOT_ALLOWED,
      `${request.method} is not allowed here; allowed: ${allowed}`,
      String(request.id),
    );
    void reply.code(405).header('Allow', allowed).header('X-Request-Id', body.requestId).send(body);
  });
}
