import { HttpStatus } from '@nestjs/common';
import { AppException } from './app.exception';
import { CoreErrorCode } from './error-code';

/** 429 RATE_LIMITED with `Retry-After`. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppException(
    CoreErrorCode.RATE_LIMITED,
    message,
    HttpStatus.TOO_MANY_REQUESTS,
    undefined,
    Math.max(1, retryAfterSeconds),
  );

/** 503 SERVICE_UNAVAILABLE with `Retry-After`: the server is busy or a dependency is down. */
export const serviceUnavailable = (message: string, retryAfterSeconds: number) =>
  new AppException(
    CoreErrorCode.SERVICE_UNAVAILABLE,
    message,
    HttpStatus.SERVICE_UNAVAILABLE,
    undefined,
    Math.max(1, retryAfterSeconds),
  );
