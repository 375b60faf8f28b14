import { StreamableFile } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { AuditExportFormat } from './audit-export.service';

/** The HTTP form of an export: its content type and an attachment name. */
export function auditFile(stream: Readable, format: AuditExportFormat, name: string): StreamableFile {
  const csv = format === 'csv';
  return new StreamableFile(stream, {
    type: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    disposition: `attachment; filename="audit-${name}.${csv ? 'csv' : 'ndjson'}"`,
  });
}

/** Documents an export's two file types, so a generated client reads them as text. */
export const ApiAuditFileResponse = () =>
  ApiOkResponse({
    description: 'The entries as a file, streamed: CSV with a header row, or one JSON entry per line',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  });
