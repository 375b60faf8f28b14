import { CoreErrorCode, errorBody } from '@app/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (a stray `%`) is a 400 in the contract's
 * error shape, with a request id, instead of Fastify's own body.
 */
export function answerMalformedUrl(_error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const body = errorBody(400, CoreErrorCode.MALFORMED_REQUEST, 'The URL cannot be parsed', String(request.id));
  void reply.code(400).header('X-Request-Id', body.requestId).send(body);
}
