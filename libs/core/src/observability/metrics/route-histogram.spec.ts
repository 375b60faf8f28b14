import { Histogram, Registry } from 'prom-client';
import { SeededRandom } from '../../../../../test/utils/seeded-random';
import { RouteHistogram } from './route-histogram';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const NAME = 'strata_test_request_duration_seconds';
const HELP = 'HTTP request latency by method, route pattern and status code';

/** A prom-client histogram and ours, each in its own registry, fed the same observations. */
function pair() {
  const theirsRegistry = new Registry();
  const oursRegistry = new Registry();
  const theirs = new Histogram({
    name: NAME,
    help: HELP,
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: BUCKETS,
    registers: [theirsRegistry],
  });
  const ours = new RouteHistogram(NAME, HELP, BUCKETS, oursRegistry);
  const observe = (method: string, route: string, status: number, seconds: number) => {
    theirs.observe({ method, route, status_code: String(status) }, seconds);
    ours.observe(method, route, status, seconds);
  };
  return { theirsRegistry, oursRegistry, ours, observe };
}

describe('RouteHistogram', () => {
  it('exports the text and the JSON prom-client exports for the same observations', async () => {
    const { theirsRegistry, oursRegistry, observe } = pair();
    const random = new SeededRandom(7);
    const methods = ['GET', 'POST', 'DELETE'];
    const routes = ['/api/users', '/api/tenants/:tenant', 'unmatched', '/api/"odd"\\route\n'];
    const statuses = [200, 201, 404, 500];
    // Values on every bound, between bounds, past the last bound and at zero.
    const values = [0, ...BUCKETS, ...BUCKETS.map((bound) => bound * 0.999), 11, 1e-9];
    for (let i = 0; i < 5000; i++) {
      const pick = <T>(list: readonly T[]) => random.pick(list);
      observe(pick(methods), pick(routes), pick(statuses), random.next() < 0.5 ? pick(values) : random.next() * 12);
    }
    expect(await oursRegistry.metrics()).toBe(await theirsRegistry.metrics());
    expect(await oursRegistry.getMetricsAsJSON()).toEqual(await theirsRegistry.getMetricsAsJSON());
  });

  it('answers nothing after a reset, as prom-client does', async () => {
    const { theirsRegistry, oursRegistry, observe } = pair();
    observe('GET', '/api/users', 200, 0.02);
    theirsRegistry.resetMetrics();
    oursRegistry.resetMetrics();
    expect(await oursRegistry.metrics()).toBe(await theirsRegistry.metrics());
  });

  it('refuses a value that is not a finite number and keeps no series for it', async () => {
    const { ours, oursRegistry } = pair();
    expect(() => ours.observe('GET', '/api/users', 200, Number.NaN)).toThrow(TypeError);
    expect(await oursRegistry.metrics()).not.toContain('/api/users');
  });
});
