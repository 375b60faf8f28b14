import autocannon from 'autocannon';
import { LoadResult } from '../http/load';

export interface RouteLoad {
  url: string;
  token: string;
  method?: 'GET' | 'POST';
  /** A JSON body, sent with every request. */
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

/** Loads one route with autocannon (keep-alive, one request in flight per connection); GET or a JSON POST. */
export interface RouteResult extends LoadResult {
  /** Mean size of a response body, in bytes. */
  bytesPerResponse: number;
}

export async function loadRoute(options: RouteLoad): Promise<RouteResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections,
    duration: options.seconds,
    body: options.body,
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.average > 0 ? result.throughput.average / result.requests.average : 0,
    // A 304 (a conditional GET answered from the client's copy) is a success here.
    failures: result['4xx'] + result['5xx'] + result.errors + result.timeouts,
  };
}

/** A warm-up run, then the measured one. */
export async function measureRoute(options: RouteLoad, warmUpSeconds: number): Promise<RouteResult> {
  if (warmUpSeconds > 0) await loadRoute({ ...options, seconds: warmUpSeconds });
  return loadRoute(options);
}
