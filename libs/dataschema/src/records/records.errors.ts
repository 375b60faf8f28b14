import { AppException, badRequest, CoreErrorCode, ErrorDetail } from '@app/core';

/** A 400 VALIDATION_FAILED naming every problem. */
export function validationFailed(message: string, details: ErrorDetail[]): AppException {
  return badRequest(CoreErrorCode.VALIDATION_FAILED, message, details);
}

const MAX_NAME_IN_MESSAGE = 80;

/** A user-given name shortened for an error message (a 10 kB parameter name is not echoed whole). */
export function shown(name: string): string {
  return name.length <= MAX_NAME_IN_MESSAGE ? name : `${name.slice(0, MAX_NAME_IN_MESSAGE)}…`;
}
