import { HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The one exception type modules throw; the filter turns it into the contract's error shape. */
export class AppException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus,
    readonly details?: ErrorDetail[],
    /** Sent as the `Retry-After` header (seconds), for 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppException';
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppException(code, message, HttpStatus.BAD_REQUEST, details);
export const notFound = (code: string, message: string) => new AppException(code, message, HttpStatus.NOT_FOUND);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppException(code, message, HttpStatus.CONFLICT, details);
export const forbidden = (code: string, message: string) => new AppException(code, message, HttpStatus.FORBIDDEN);
export const unauthorized = (code: string, message: string) => new AppException(code, message, HttpStatus.UNAUTHORIZED);
export const unprocessable = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppException(code, message, HttpStatus.UNPROCESSABLE_ENTITY, details);
