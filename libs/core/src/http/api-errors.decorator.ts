import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const descriptions: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED with details per field, or MALFORMED_REQUEST)',
  401: 'No token, or an invalid or expired one',
  403: 'The caller may not do this',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict (UNIQUE_VIOLATION names the field)',
  413: 'Too large',
  415: 'Unsupported content type',
  422: 'Valid input that cannot be applied',
  429: 'Rate limited; see Retry-After',
  503: 'Busy or a dependency is down; see Retry-After',
};

/** Documents the error responses a route can give, all in the contract's error shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: descriptions[status],
        type: ErrorResponseDto,
      }),
    ),
  );
