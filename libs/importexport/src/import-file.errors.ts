import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/core';

/**
 * Why a whole file is refused (as opposed to one bad row): the job fails with this code and message.
 * Thrown as an AppException so the upload path answers with the contract's error shape too.
 */
export type ImportFileErrorCode =
  | 'FILE_TOO_LARGE'
  | 'UPLOAD_TRUNCATED'
  | 'FILE_NOT_FOUND'
  | 'EMPTY_FILE'
  | 'FILE_TYPE_MISMATCH'
  | 'RECORD_TOO_LARGE'
  | 'DECOMPRESSED_TOO_LARGE'
  | 'INVALID_ENCODING'
  | 'MALFORMED_FILE'
  | 'SHEET_NOT_FOUND'
  | 'UNKNOWN_HEADERS'
  | 'DUPLICATE_HEADERS'
  | 'MISSING_COLUMNS'
  | 'INVALID_MAPPING';

const STATUS: Record<ImportFileErrorCode, HttpStatus> = {
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UPLOAD_TRUNCATED: HttpStatus.BAD_REQUEST,
  FILE_NOT_FOUND: HttpStatus.NOT_FOUND,
  EMPTY_FILE: HttpStatus.UNPROCESSABLE_ENTITY,
  FILE_TYPE_MISMATCH: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  RECORD_TOO_LARGE: HttpStatus.UNPROCESSABLE_ENTITY,
  DECOMPRESSED_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  INVALID_ENCODING: HttpStatus.UNPROCESSABLE_ENTITY,
  MALFORMED_FILE: HttpStatus.UNPROCESSABLE_ENTITY,
  SHEET_NOT_FOUND: HttpStatus.UNPROCESSABLE_ENTITY,
  UNKNOWN_HEADERS: HttpStatus.UNPROCESSABLE_ENTITY,
  DUPLICATE_HEADERS: HttpStatus.UNPROCESSABLE_ENTITY,
  MISSING_COLUMNS: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_MAPPING: HttpStatus.BAD_REQUEST,
};

export class ImportFileError extends AppException {
  constructor(
    override readonly code: ImportFileErrorCode,
    message: string,
    details?: { field: string; message: string }[],
  ) {
    super(code, message, STATUS[code], details);
    this.name = 'ImportFileError';
  }
}

export const fileError = (code: ImportFileErrorCode, message: string, details?: { field: string; message: string }[]) =>
  new ImportFileError(code, message, details);
