import { HttpStatus } from '@nestjs/common';
import { ErrorDetail } from './app.exception';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  requestId: string;
  details?: ErrorDetail[];
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return reasons[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

export function errorBody(
  status: HttpStatus | number,
  code: string,
  message: string,
  requestId: string,
  details?: ErrorDetail[],
): ErrorBody {
  const body: ErrorBody = {
    statusCode: status,
    error: reasonPhrase(status),
    code,
    message,
    requestId,
  };
  if (details && details.length > 0) body.details = details;
  return body;
}
