import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppException } from './app.exception';
import { CoreErrorCode } from './error-code';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function fieldOf(error: PgError): string {
  const keyMatch = /^Key \(([^)]+)\)=/.exec(error.detail ?? '');
  if (keyMatch)
    return keyMatch[1]
      .split(',')
      .map((s) => camel(s.trim().replace(/^lower\((.*)\)$/, '$1')))
      .join(',');
  return camel(error.column ?? error.constraint ?? 'unknown');
}

/** Maps a PostgreSQL error to a client error, or returns undefined when it is a server fault. */
export function fromDatabaseError(error: unknown): AppException | undefined {
  const pg: PgError | undefined =
    error instanceof QueryFailedError ? (error.driverError as PgError) : (error as PgError | undefined);
  if (!pg || typeof pg.code !== 'string') return undefined;
  switch (pg.code) {
    case '23505': {
      const field = fieldOf(pg);
      return new AppException(CoreErrorCode.UNIQUE_VIOLATION, `${field} is already taken`, HttpStatus.CONFLICT, [
        { field, message: 'is already taken' },
      ]);
    }
    case '23503':
      return new AppException(
        CoreErrorCode.CONFLICT,
        'The change conflicts with a reference to or from another record',
        HttpStatus.CONFLICT,
      );
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new AppException(CoreErrorCode.VALIDATION_FAILED, 'A value has the wrong format', HttpStatus.BAD_REQUEST);
    case '55P03':
    case '40P01':
      return new AppException(
        CoreErrorCode.CONFLICT,
        'The resource is busy with another change; try again',
        HttpStatus.CONFLICT,
      );
    default:
      return undefined;
  }
}
