import { errorBody } from '@app/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

export const CONSOLE_PREFIX = '/console';
/** Vite names every built asset by its content hash: a changed file is a new URL. */
const HASHED_ASSETS = 'assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A file of the build, or null for a route of the single-page app (or anything outside the build). */
async function builtFile(dir: string, relative: string): Promise<string | null> {
  if (!relative || relative.split('/').some((part) => part.startsWith('.'))) return null;
  const file = resolve(dir, relative);
  if (!file.startsWith(dir + sep)) return null;
  const stats = await stat(file).catch(() => null);
  return stats?.isFile() ? relative : null;
}

/**
 * Serves the built console (apps/console, `vite build`) at /console: hashed assets cached for a
 * year, index.html never without revalidation, and index.html for every other URL below
 * /console so deep links open the app. Registered on Fastify directly, not as Nest routes: they
 * are not API routes and carry no access policy (the console signs in through the API).
 */
export async function serveConsole(instance: FastifyInstance, consoleDir: string): Promise<void> {
  const dir = resolve(consoleDir);
  // Checked per request until found: in `npm run start:dev` the first build may finish after the API started.
  let built = false;
  const isBuilt = () => (built ||= existsSync(join(dir, 'index.html')));
  await instance.register(fastifyStatic, { root: dir, serve: false });

  const answer = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    if (!isBuilt()) {
      const message = 'The console is not built. Run `npm run build` (or `npm run start:dev`), then reload.';
      return reply.code(404).send(errorBody(404, 'CONSOLE_NOT_BUILT', message, String(request.id)));
    }
    const file = await builtFile(dir, request.params['*'] ?? '');
    if (file) {
      void reply.header('Cache-Control', file.startsWith(HASHED_ASSETS) ? IMMUTABLE : 'no-cache');
      return reply.sendFile(file, { cacheControl: false });
    }
    void reply.header('Cache-Control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
  };

  instance.get(CONSOLE_PREFIX, (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`));
  instance.get(`${CONSOLE_PREFIX}/*`, answer);
}
