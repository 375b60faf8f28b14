import { neutralizeFormula } from '@app/core';
import { format } from 'fast-csv';
import { Readable } from 'node:stream';
import { AuditEntry } from './audit-entry';

const CSV_COLUMNS: Array<keyof AuditEntry> = [
  'id',
  'seq',
  'at',
  'actorId',
  'actorEmail',
  'action',
  'entityType',
  'entityId',
  'requestId',
  'ip',
  'details',
  'hash',
  'prevHash',
  'keyId',
  'signature',
];

function csvRow(entry: AuditEntry): string[] {
  return CSV_COLUMNS.map((column) => {
    const value = entry[column];
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    return neutralizeFormula(typeof value === 'string' ? value : JSON.stringify(value));
  });
}

export function auditCsvStream(entries: AsyncIterable<AuditEntry>): Readable {
  const rows = Readable.from(
    (async function* () {
      for await (const entry of entries) yield csvRow(entry);
    })(),
  );
  const csv = format({ headers: CSV_COLUMNS as string[] });
  rows.on('error', (error) => csv.destroy(error));
  return rows.pipe(csv);
}

export function auditNdjsonStream(entries: AsyncIterable<AuditEntry>): Readable {
  return Readable.from(
    (async function* () {
      for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
    })(),
  );
}
