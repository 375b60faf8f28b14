import { AppException, CoreErrorCode, Env } from '@app/core';
import fastifyMultipart from '@fastify/multipart';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** The routes that take multipart bodies (streamed by the route itself); everywhere else it is a 415. */
const MULTIPART_ROUTES: ReadonlySet<string> = new Set(['/api/tenants/:tenant/imports']);

/**
 * Lets the import route stream its multipart body (nothing is buffered: the route pipes the file part
 * into the file store, which enforces IMPORT_MAX_BYTES), and keeps every other route JSON-only.
 */
export async function acceptMultipartUploads(instance: FastifyInstance, env: Env): Promise<void> {
  await instance.register(fastifyMultipart, {
    // the file store answers past the cap with 413; busboy only needs to let one more byte through
    limits: { fileSize: env.IMPORT_MAX_BYTES + 1, files: 1, fields: 20, fieldSize: 1024 * 1024 },
  });
  instance.addHook('preValidation', (request, _reply, done) => {
    if (request.isMultipart() && !MULTIPART_ROUTES.has(request.routeOptions.url ?? ''))
      return done(
        new AppException(
          CoreErrorCode.UNSUPPORTED_MEDIA_TYPE,
          'The body must be JSON, sent with Content-Type: application/json',
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        ),
      );
    done();
  });
}
