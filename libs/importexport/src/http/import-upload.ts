import { AppException, CoreErrorCode, badRequest } from '@app/core';
import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FileStore } from '../file-store/file-store';
import { ImportUpload } from '../jobs/imports.service';

/**
 * Reads an import's multipart body: the text fields, and the one `file` part streamed straight into
 * the file store (past the size cap it stops with 413). Fields may come before or after the file.
 */
export async function readImportUpload(request: FastifyRequest, store: FileStore): Promise<ImportUpload> {
  if (!request.isMultipart())
    throw new AppException(
      CoreErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'An import is sent as multipart/form-data with a file part',
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  const fields: Record<string, string> = {};
  let upload: { key: string; bytes: number; fileName: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Send exactly one file, in the field "file"');
        }
        const extension = part.filename.split('.').pop();
        const stored = await store.put(part.file, { extension });
        upload = { ...stored, fileName: part.filename };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (upload) await store.delete(upload.key).catch(() => undefined);
    throw error;
  }
  if (!upload)
    throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Invalid import request', [
      { field: 'file', message: 'is required' },
    ]);
  return { fields, file: { key: upload.key, bytes: upload.bytes }, fileName: upload.fileName };
}
