import { fileError } from '../import-file.errors';
import { DecodedBatches, DecodedItem, DEFAULT_MAX_RECORD_BYTES } from './decoded-item';
import { parseJsonRecord } from './json-element';
import { hasUtf8Bom, sniff } from './sniff';

export interface JsonDecodeOptions {
  /** One element (or NDJSON line) longer than this fails the file. */
  maxRecordBytes?: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Where the element starting at `start` ends (at its `,` or the array's `]`, depth 0), or -1 when the
 * buffer ends first. Strings are skipped with their escapes, so brackets inside them do not count.
 */
function elementEnd(buf: Buffer, start: number): number {
  let depth = 0;
  for (let i = start; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) {
      for (i++; i < buf.length && buf[i] !== 0x22; i++) if (buf[i] === 0x5c) i++;
      if (i >= buf.length) return -1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      depth--;
    } else if (c === 0x2c && depth === 0) return i;
  }
  return -1;
}

/**
 * Streams a JSON array of objects: one item per element, numbered from 1. Elements are cut out by a
 * byte scan and parsed one by one, so memory holds one element at a time; an element that is not
 * valid JSON or not an object is a bad row. A file that is not an array fails.
 */
export async function* decodeJsonArray(input: AsyncIterable<Buffer>, options: JsonDecodeOptions = {}): DecodedBatches {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let state: 'start' | 'element' | 'after' | 'done' = 'start';
  let pending: Buffer | undefined;
  let rowNumber = 0;
  let first = true;

  for await (const chunk of input) {
    const buf: Buffer = pending && pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    let pos = 0;
    if (first) {
      first = false;
      const kind = sniff(buf);
      if (kind === 'zip' || kind === 'binary' || kind === 'text' || kind === 'json-object') throw notAnArray(kind);
      if (hasUtf8Bom(buf)) pos = 3;
    }
    const batch: DecodedItem[] = [];
    while (pos < buf.length) {
      if (isSpace(buf[pos])) {
        pos++;
        continue;
      }
      const c = buf[pos];
      if (state === 'start') {
        if (c !== 0x5b) throw notAnArray('text');
        state = 'element';
        pos++;
      } else if (state === 'done') {
        throw fileError('MALFORMED_FILE', 'The file has data after the end of its JSON array');
      } else if (state === 'after') {
        if (c === 0x2c) state = 'element';
        else if (c === 0x5d) state = 'done';
        else throw fileError('MALFORMED_FILE', `Element ${rowNumber} of the JSON array is followed by neither , nor ]`);
        pos++;
      } else {
        if (c === 0x5d && rowNumber === 0) {
          state = 'done';
          pos++;
          continue;
        }
        const end = elementEnd(buf, pos);
        if (end === -1) break;
        rowNumber++;
        if (end - pos > maxRecordBytes) throw tooLarge(rowNumber, maxRecordBytes);
        batch.push(parseJsonRecord(buf.subarray(pos, end), rowNumber));
        state = 'after';
        pos = end;
      }
    }
    if (pos < buf.length) {
      if (buf.length - pos > maxRecordBytes) throw tooLarge(rowNumber + 1, maxRecordBytes);
      pending = Buffer.from(buf.subarray(pos));
    }
    if (batch.length > 0) yield batch;
  }
  if (first) throw fileError('EMPTY_FILE', 'The file is empty');
  if (state === 'start') throw fileError('EMPTY_FILE', 'The file is empty');
  if (state !== 'done') {
    throw fileError('MALFORMED_FILE', 'The JSON array is not closed: the file ends inside it (truncated?)');
  }
}

const notAnArray = (kind: string) =>
  fileError(
    'FILE_TYPE_MISMATCH',
    kind === 'json-object'
      ? 'A JSON import must be an array of objects, not a single object'
      : `The file is not a JSON array${kind === 'zip' ? ' (it looks like a zip or XLSX file)' : ''}`,
  );

const tooLarge = (row: number, max: number) =>
  fileError('RECORD_TOO_LARGE', `Element ${row} is longer than the limit of ${max} bytes for one record`);
