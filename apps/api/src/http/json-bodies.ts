import { AppException, CoreErrorCode } from '@app/core';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const notJson = () =>
  new AppException(
    CoreErrorCode.UNSUPPORTED_MEDIA_TYPE,
    'The body must be JSON, sent with Content-Type: application/json',
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );

/**
 * JSON is the only body the API takes. A text/plain or form-encoded body (`curl -d`) is a 415, instead
 * of a string or a form that validation would report field by field. A JSON content type with an empty
 * body is no body at all (as is an empty body of any type), so a client that always sends the header can
 * still DELETE.
 */
export function acceptOnlyJsonBodies(instance: FastifyInstance): void {
  const parseJson = instance.getDefaultJsonParser('error', 'error');
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    body.length === 0 ? done(null, undefined) : done(notJson(), undefined),
  );
}
