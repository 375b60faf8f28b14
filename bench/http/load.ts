import autocannon from 'autocannon';
import { processCpuSeconds } from './process-cpu';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses other than 2xx, and connection errors or timeouts: a valid run has none. */
  failures: number;
  /** CPU time the server process used per request, in microseconds (when its pid is known, on Linux). */
  cpuMicrosPerRequest?: number;
}

/** What one load sends: a method and a body for every request, the path cycling through `paths`. */
export interface LoadTarget {
  /** The server's origin and, without `paths`, the one path: `http://127.0.0.1:3001/api/users`. */
  url: string;
  method?: 'GET' | 'POST';
  token?: string;
  /** JSON, sent with every request. */
  body?: unknown;
  /** Paths (with their query strings) taken in turn, one per request, so reads spread over the data. */
  paths?: readonly string[];
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** The server's process, whose CPU time per request is reported. */
  serverPid?: number;
}

/** Loads one target with autocannon (keep-alive, one request in flight per connection). */
export async function load(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const paths = target.paths;
  let next = 0;
  const cpuBefore = processCpuSeconds(options.serverPid);
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.seconds,
    method: target.method ?? 'GET',
    headers: {
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
      ...(target.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: target.body === undefined ? undefined : JSON.stringify(target.body),
    requests: paths ? [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }] : undefined,
  });
  const cpuAfter = processCpuSeconds(options.serverPid);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMicrosPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
  };
}
