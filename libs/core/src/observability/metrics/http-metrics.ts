import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import { metricsRegistry } from '../../metrics/metrics-registry';

export const httpRequestDuration = new Histogram({
  name: 'strata_http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

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
    httpRequestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
