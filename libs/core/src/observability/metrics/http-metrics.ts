import type { FastifyInstance } from 'fastify';
import { metricsRegistry } from '../../metrics/metrics-registry';
import { RouteHistogram } from './route-histogram';

export const HTTP_DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new RouteHistogram(
  'strata_http_request_duration_seconds',
  'HTTP request latency by method, route pattern and status code',
  HTTP_DURATION_BUCKETS,
  metricsRegistry,
);

/** Requests that matched no route share one label value, so random paths cannot blow up the series count. */
export const UNMATCHED_ROUTE = 'unmatched';

const installed = new WeakSet<FastifyInstance>();

/**
 * Times every request in a Fastify `onResponse` hook, labelled with the route pattern
 * (`/api/users/:id`), so 401s from guards and 404s are measured too.
 */
export function installHttpMetrics(fastify: FastifyInstance): void {
  if (installed.has(fastify)) return;
  installed.add(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? UNMATCHED_ROUTE;
    httpRequestDuration.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
