import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, ErrorDetail } from './app.exception';
import { fromDatabaseError } from './database-error';
import { errorBody, ErrorBody } from './error-body';
import { CoreErrorCode } from './error-code';

const codeByStatus: Record<number, CoreErrorCode> = {
  400: CoreErrorCode.MALFORMED_REQUEST,
  401: CoreErrorCode.UNAUTHORIZED,
  403: CoreErrorCode.FORBIDDEN,
  404: CoreErrorCode.NOT_FOUND,
  409: CoreErrorCode.CONFLICT,
  413: CoreErrorCode.PAYLOAD_TOO_LARGE,
  415: CoreErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: CoreErrorCode.UNPROCESSABLE,
  429: CoreErrorCode.RATE_LIMITED,
  503: CoreErrorCode.SERVICE_UNAVAILABLE,
};

const clientMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Request body is too large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Body cannot be empty when content-type is application/json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Body is not valid JSON',
};

interface StatusCarrier {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Turns any thrown value into `{ statusCode, error, code, message, requestId, details? }`. */
export function toErrorBody(exception: unknown, requestId: string, logger?: Logger): ErrorBody {
  if (exception instanceof AppException) {
    return errorBody(exception.status, exception.code, exception.message, requestId, exception.details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse() as
      string | { message?: string | string[]; code?: string; details?: ErrorDetail[] };
    const raw = typeof response === 'string' ? response : response.message;
    const message = Array.isArray(raw) ? raw.join('; ') : (raw ?? exception.message);
    const code =
      (typeof response === 'object' && response.code) ||
      (status === 404 && message.startsWith('Cannot ') ? CoreErrorCode.ROUTE_NOT_FOUND : undefined) ||
      codeByStatus[status] ||
      (status >= 500 ? CoreErrorCode.INTERNAL_ERROR : CoreErrorCode.MALFORMED_REQUEST);
    if (status >= 500) logger?.error({ err: exception, requestId }, 'Request failed');
    return errorBody(status, code, status >= 500 ? 'Internal server error' : message, requestId);
  }
  const fromDb = fromDatabaseError(exception);
  if (fromDb) {
    // The serializer keeps the SQLSTATE and where it happened, never the values (see logging/).
    logger?.debug({ err: exception, requestId }, `Database refused a value: ${fromDb.message}`);
    return toErrorBody(fromDb, requestId, logger);
  }
  const carrier = exception as StatusCarrier | undefined;
  if (carrier && typeof carrier.statusCode === 'number' && carrier.statusCode >= 400 && carrier.statusCode < 500) {
    const status = carrier.statusCode;
    const message =
      (carrier.code && clientMessages[carrier.code]) ||
      (exception instanceof SyntaxError ? 'Body is not valid JSON' : (carrier.message ?? 'Bad request'));
    return errorBody(status, codeByStatus[status] ?? CoreErrorCode.MALFORMED_REQUEST, message, requestId);
  }
  logger?.error({ err: exception, requestId }, 'Unhandled error');
  return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, CoreErrorCode.INTERNAL_ERROR, 'Internal server error', requestId);
}

/** Answers a request with the error body of `exception` (and its `Retry-After`, if any). */
export function replyWithError(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger?: Logger,
): void {
  const body = toErrorBody(exception, String(request.id), logger);
  if (exception instanceof AppException && exception.retryAfterSeconds) {
    void reply.header('Retry-After', String(Math.ceil(exception.retryAfterSeconds)));
  } else if (body.statusCode === 429 && exception instanceof HttpException) {
    const retry = (exception.getResponse() as { retryAfter?: number })?.retryAfter;
    if (retry) void reply.header('Retry-After', String(retry));
  }
  void reply.status(body.statusCode).header('X-Request-Id', body.requestId).send(body);
}

/** The error logger of both ways in: the filter below and the fast read routes. */
export const errorsLogger = new Logger('Errors');

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    replyWithError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), errorsLogger);
  }
}
