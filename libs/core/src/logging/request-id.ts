import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is sane, else makes one; pino-http reads it back from `req.id`. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  return id;
}
