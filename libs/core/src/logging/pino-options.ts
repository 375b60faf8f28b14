import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { Env } from '../config/env.schema';
import { censorSecretKeys, configuredSecrets, REDACTED, secretScrubber, TOP_LEVEL_REDACT_PATHS } from './log-redaction';
import { safeErrorSerializer } from './safe-error-serializer';

/** The liveness probe and the metrics scrape: answered many times a minute, never logged. */
const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/health', '/metrics']);

/** Whether the request for `url` (path and query) goes without its request line. */
export function isUnloggedPath(url: string): boolean {
  const query = url.indexOf('?');
  return UNLOGGED_PATHS.has(query === -1 ? url : url.slice(0, query));
}

/** Values under `req`, `res` and `err` are censored after their serializer, as pino's `redact` did. */
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

/** The `log` formatter: secret keys of the logged object censored, serialized values left to their serializer. */
export const censorTopLevel = (object: Record<string, unknown>) => censorSecretKeys(object, 0, SERIALIZED_KEYS);

/**
 * The one logging configuration: JSON lines, the request id on every line of a request, and
 * redaction in three layers: secret keys (`password`, `refreshToken`, `parameters`, ...) are
 * censored, database errors lose their values (`safeErrorSerializer`), and the configured
 * secrets (`JWT_SECRET`, `AUDIT_SIGNING_KEY`, passwords in URLs, ...) are blanked from every
 * finished line.
 */
export function pinoHttpOptions(env: Env, stream: DestinationStream): Options {
  const scrub = secretScrubber(configuredSecrets(env));
  return {
    level: env.LOG_LEVEL,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
    customAttributeKeys: { reqId: 'requestId' },
    // Binds `requestId` (not the whole request) to every line logged while serving a request.
    quietReqLogger: true,
    // Key-based redaction: top-level keys (bindings included) by pino, deeper levels of the logged
    // object by the log formatter, serialized values in their serializer.
    redact: { paths: [...TOP_LEVEL_REDACT_PATHS], censor: REDACTED },
    formatters: {
      log: censorTopLevel,
      bindings: (bindings) => censorTopLevel(bindings),
    },
    hooks: { streamWrite: scrub },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (err: Record<string, unknown>) => censorSecretKeys(safeErrorSerializer(err), 1),
    },
    autoLogging: {
      // The request as Nest middleware sees it: @fastify/middie strips the mounted path from `url`
      // and keeps the whole one in `originalUrl`.
      ignore: (req: IncomingMessage & { originalUrl?: string }) => isUnloggedPath(req.originalUrl ?? req.url ?? ''),
    },
    stream,
  };
}
