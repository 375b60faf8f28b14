import type { FastifyReply } from 'fastify';
import { storage, Store } from 'nestjs-pino/storage';

/** Requests inside nestjs-pino's storage whose response has not closed yet (one storage per process). */
let open = 0;

function leave(): void {
  open -= 1;
  // On Node 20 an enabled AsyncLocalStorage runs promise hooks on every promise and tick of the
  // process, whichever request made it: a quarter of a fast read's CPU (docs/performance.md,
  // "The shared per-request path"). Disabled, they cost nothing; the next `run` enables them again.
  if (open === 0) storage.disable();
}

/**
 * Runs the rest of the request (`next`) inside nestjs-pino's storage, so `Logger` calls in its
 * handler carry its `requestId`, and keeps the storage enabled only while such a request is open.
 */
export function enterRequestLogContext(store: Pick<Store, 'logger'>, reply: FastifyReply, next: () => void): void {
  open += 1;
  reply.raw.once('close', leave);
  storage.run(store as Store, next);
}

/** How many requests hold the storage enabled; for tests. */
export const openRequestLogContexts = (): number => open;
