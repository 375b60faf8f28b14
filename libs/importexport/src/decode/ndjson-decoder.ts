import { fileError } from '../import-file.errors';
import { DecodedBatches, DecodedItem, DEFAULT_MAX_RECORD_BYTES } from './decoded-item';
import type { JsonDecodeOptions } from './json-array-decoder';
import { parseJsonRecord } from './json-element';
import { hasUtf8Bom, sniff } from './sniff';

const isBlank = (bytes: Buffer) => {
  for (const c of bytes) if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  return true;
};

/**
 * Streams NDJSON: one item per non-blank line, numbered by line from 1. A line that is not a JSON
 * object is a bad row, except the first one: then the file is taken for something else and fails.
 */
export async function* decodeNdjson(input: AsyncIterable<Buffer>, options: JsonDecodeOptions = {}): DecodedBatches {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let pending: Buffer | undefined;
  let lineNumber = 0;
  let first = true;
  let seenRecord = false;

  const emit = (line: Buffer, batch: DecodedItem[]) => {
    lineNumber++;
    if (line.length > maxRecordBytes) {
      throw fileError('RECORD_TOO_LARGE', `Line ${lineNumber} is longer than the limit of ${maxRecordBytes} bytes`);
    }
    if (isBlank(line)) return;
    const item = parseJsonRecord(line, lineNumber);
    if (!seenRecord && item.kind === 'bad' && item.message !== 'must be a JSON object') {
      throw fileError('FILE_TYPE_MISMATCH', `The file is not NDJSON: line ${lineNumber} ${item.message}`);
    }
    seenRecord = true;
    batch.push(item);
  };

  for await (const chunk of input) {
    const buf: Buffer = pending && pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    let pos = 0;
    if (first) {
      first = false;
      const kind = sniff(buf);
      if (kind === 'zip' || kind === 'binary') throw fileError('FILE_TYPE_MISMATCH', 'The file is not NDJSON text');
      if (hasUtf8Bom(buf)) pos = 3;
    }
    const batch: DecodedItem[] = [];
    for (;;) {
      const end = buf.indexOf(0x0a, pos);
      if (end === -1) break;
      emit(buf.subarray(pos, end), batch);
      pos = end + 1;
    }
    if (pos < buf.length) {
      if (buf.length - pos > maxRecordBytes) {
        throw fileError(
          'RECORD_TOO_LARGE',
          `Line ${lineNumber + 1} is longer than the limit of ${maxRecordBytes} bytes`,
        );
      }
      pending = Buffer.from(buf.subarray(pos));
    }
    if (batch.length > 0) yield batch;
  }
  if (pending && pending.length > 0) {
    const batch: DecodedItem[] = [];
    emit(pending, batch);
    if (batch.length > 0) yield batch;
  }
  if (!seenRecord) throw fileError('EMPTY_FILE', 'The file is empty: it has no JSON line');
}
