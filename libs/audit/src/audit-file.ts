import { StreamableFile } from '@nestjs/common';
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
