import type { Schemas } from './client';

/** The contract's error shape (API.md, Errors). */
export type ApiErrorBody = Schemas['ErrorResponseDto'];

export interface FieldError {
  field: string;
  message: string;
}

export function isApiError(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'statusCode' in value && 'code' in value;
}

/** The per-field messages of a VALIDATION_FAILED answer, by field name, to show next to each field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || !Array.isArray(error.details)) return {};
  const byField: Record<string, string> = {};
  for (const detail of error.details as unknown[]) {
    if (typeof detail === 'object' && detail !== null && 'field' in detail && 'message' in detail) {
      const { field, message } = detail as FieldError;
      byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    }
  }
  return byField;
}

/** One sentence for the user: what went wrong and what to do next. */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : 'Something went wrong. Try again.';
  switch (error.statusCode) {
    case 403:
      return `You are not allowed to do this (${error.message}). Ask a tenant admin for a role that allows it.`;
    case 404:
      return `${error.message}. It may have been deleted, or you are not a member of this tenant.`;
    case 429:
      return `${error.message}. Wait a moment and try again.`;
    case 503:
      return `${error.message}. The server depends on a service that is down; try again shortly.`;
    default:
      return error.message;
  }
}
