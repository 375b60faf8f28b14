import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppException } from './app.exception';
import { fieldOfDatabaseError, PgErrorFields } from './database-error-field';
import { CoreErrorCode } from './error-code';

/** What each refusal says about the field; never the value, which may be a secret. */
const dataProblems: Record<string, string> = {
  '22001': 'is too long',
  '22003': 'is out of range',
  '22007': 'is not a valid date or time',
  '22008': 'is not a valid date or time',
  '22021': 'holds bytes that are not valid text',
  '22P02': 'has the wrong format',
  '22P05': 'holds a character that cannot be stored',
  '23502': 'is required',
  '23514': 'is not allowed',
};

const busy = () =>
  new AppException(CoreErrorCode.CONFLICT, 'The resource is busy with another change; try again', HttpStatus.CONFLICT);

function refused(status: HttpStatus, code: string, problem: string, field: string | undefined): AppException {
  const message = field ? `${field} ${problem}` : `A value ${problem}`;
  return new AppException(code, message, status, field ? [{ field, message: problem }] : undefined);
}

/**
 * Maps a PostgreSQL error to a client error, or returns undefined when it is a server fault.
 * Every value PostgreSQL refuses as data (SQLSTATE classes 22 and 23) is a client error: 409
 * for unique, foreign-key and exclusion conflicts, else 400 VALIDATION_FAILED, naming the field
 * when the error, the statement or its parameters tell which.
 */
export function fromDatabaseError(error: unknown): AppException | undefined {
  const failed = error instanceof QueryFailedError ? error : undefined;
  const pg = (failed ? failed.driverError : error) as PgErrorFields | undefined;
  if (!pg || typeof pg.code !== 'string') return undefined;
  const code = pg.code;
  if (code === '55P03' || code === '40P01') return busy();
  if (!code.startsWith('22') && !code.startsWith('23')) return undefined;
  const field = fieldOfDatabaseError(pg, failed?.query, failed?.parameters ?? []);
  switch (code) {
    case '23505':
      return refused(HttpStatus.CONFLICT, CoreErrorCode.UNIQUE_VIOLATION, 'is already taken', field ?? 'value');
    case '23503':
      return new AppException(
        CoreErrorCode.CONFLICT,
        'The change conflicts with a reference to or from another record',
        HttpStatus.CONFLICT,
        field ? [{ field, message: 'conflicts with a reference' }] : undefined,
      );
    case '23001':
    case '23P01':
      return refused(HttpStatus.CONFLICT, CoreErrorCode.CONFLICT, 'conflicts with another record', field);
    default:
      return refused(
        HttpStatus.BAD_REQUEST,
        CoreErrorCode.VALIDATION_FAILED,
        dataProblems[code] ?? 'is not a valid value',
        field,
      );
  }
}
