import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger } from 'pino';

const { chindingsSym, endSym, formattersSym, hooksSym, lsCacheSym, messageKeySym, mixinSym, nestedKeySym } =
  pino.symbols;
const { streamSym, timeSym } = pino.symbols;
const needsMetadata = Symbol.for('pino.metadata');
const INFO = 30;

type Stream = { write(line: string): unknown; [needsMetadata]?: boolean };
type Hooks = { streamWrite?: (line: string) => string; logMethod?: unknown };

/** The request and response as pino-http's serializers read them. */
type RawRequest = IncomingMessage & { id?: unknown; originalUrl?: unknown; path?: unknown };
type RawResponse = Pick<ServerResponse, 'headersSent' | 'statusCode'>;

/** pino writes a top-level string as `JSON.stringify` does, except a lone surrogate (kept as it is). */
const SURROGATE = /[\ud800-\udfff]/;

/**
 * The fields of a completed request line, `requestId` (when the logger does not bind it) to
 * `responseTime`, exactly as pino wrote them through `pinoHttpOptions`: pino-std-serializers pick
 * the URL and the status (none before the headers went out), our serializers keep `id`, `method`,
 * `url` and `statusCode`, and pino stringifies each value with `JSON.stringify`. None of these keys
 * is a secret key, so key-based redaction leaves them alone. Undefined for a request of another
 * shape, which the caller logs through pino.
 */
export function completedRequestFields(
  requestId: string | undefined,
  req: RawRequest,
  res: RawResponse,
  responseTime: number,
): string | undefined {
  const { id, method } = req;
  const url = req.originalUrl ? req.originalUrl : typeof req.path === 'string' ? req.path : req.url;
  const usual = typeof id === 'string' && id !== '' && typeof method === 'string' && typeof url === 'string';
  if (!usual || url === '') return undefined;
  const statusCode = res.headersSent ? res.statusCode : null;
  if (!(statusCode === null || Number.isInteger(statusCode)) || !Number.isInteger(responseTime)) return undefined;
  if (requestId !== undefined && SURROGATE.test(requestId)) return undefined;
  const fields =
    `,"req":{"id":${JSON.stringify(id)},"method":${JSON.stringify(method)},"url":${JSON.stringify(url)}}` +
    `,"res":{"statusCode":${statusCode}},"responseTime":${responseTime}`;
  return requestId === undefined ? fields : `,"requestId":${JSON.stringify(requestId)}${fields}`;
}

/**
 * Writes an info line of already stringified `fields` as pino's own `write` would: level, time and
 * the logger's bindings first, then the fields and the message, through the `streamWrite` hook
 * (the configured secrets are scrubbed as on every line). Only for a logger whose `log` formatter
 * is `logFormatter` (the one the fields were checked against) and that adds nothing of its own
 * (mixin, nested key, log method hook, another message key, a stream reading line metadata);
 * false when it did not write, and the caller logs through pino.
 */
export function writeInfoFields(logger: Logger, logFormatter: unknown, fields: string, message: string): boolean {
  // What pino keeps on a logger and reads to write a line, under its exported `pino.symbols`.
  const internals = logger as unknown as Record<symbol, unknown>;
  const stream = internals[streamSym] as Stream;
  const hooks = internals[hooksSym] as Hooks;
  if (
    (internals[formattersSym] as { log?: unknown }).log !== logFormatter ||
    internals[messageKeySym] !== 'msg' ||
    internals[mixinSym] ||
    internals[nestedKeySym] ||
    hooks.logMethod ||
    stream[needsMetadata] === true
  ) {
    return false;
  }
  if (!logger.isLevelEnabled('info')) return true;
  const line =
    (internals[lsCacheSym] as Record<number, string>)[INFO] +
    (internals[timeSym] as () => string).call(logger) +
    (internals[chindingsSym] as string) +
    fields +
    ',"msg":' +
    JSON.stringify(message) +
    (internals[endSym] as string);
  stream.write(hooks.streamWrite ? hooks.streamWrite(line) : line);
  return true;
}
