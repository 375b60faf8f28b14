import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { HttpStatus } from '@nestjs/common';
import { holdsUnsafeString, unsafeStringDetails } from './unsafe-strings';

/**
 * Refuses, before any guard or handler, a request whose parsed body, query or path parameters
 * hold a string PostgreSQL cannot store (400 VALIDATION_FAILED naming each field), so such a
 * value never reaches SQL, whichever way a handler reads the request.
 */
export function rejectUnsafeStrings(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (!holdsUnsafeString(request.params) && !holdsUnsafeString(request.query) && !holdsUnsafeString(request.body)) {
      return done();
    }
    const details = [request.params, request.query, request.body].flatMap((part) => unsafeStringDetails(part));
    done(new AppException(CoreErrorCode.VALIDATION_FAILED, 'Validation failed', HttpStatus.BAD_REQUEST, details));
  });
}
