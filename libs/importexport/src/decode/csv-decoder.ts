import { isAscii, isUtf8 } from 'node:buffer';
import { fileError } from '../import-file.errors';
import { DecodedBatches, DecodedItem, DEFAULT_MAX_RECORD_BYTES, MAX_BATCH_ITEMS } from './decoded-item';
import { detectDelimiter } from './delimiter';
import { hasUtf8Bom, sniff } from './sniff';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvDecodeOptions {
  /** `utf8` (default): bytes invalid in UTF-8 make their row a bad row. `latin1`: ISO-8859-1, every byte valid. */
  encoding?: 'utf8' | 'latin1';
  /** Detected from the header row among comma, semicolon and tab when not given. */
  delimiter?: CsvDelimiter;
  /** A record (quoted newlines included) longer than this fails the file. */
  maxRecordBytes?: number;
  /** Most items in one yielded batch (`MAX_BATCH_ITEMS` by default). */
  maxBatchItems?: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DOUBLED_QUOTES = /""/g;

/** Field boundaries of one record, reused from record to record. */
class RecordScan {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 0 plain, 1 quoted, 2 quoted with doubled quotes inside. */
  quoting = new Uint8Array(64);
  count = 0;
  /** Why the record is malformed (text after a closing quote, an unclosed quote at the end). */
  problem: string | undefined;

  push(start: number, end: number, quoting: number) {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.ends = grow(this.ends, new Int32Array(this.count * 2));
      this.quoting = grow(this.quoting, new Uint8Array(this.count * 2));
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quoting[this.count++] = quoting;
  }
}

/**
 * Scans one RFC 4180 record from `pos`: the offset where the next record begins, or -1 when the
 * buffer ends first (and more input may follow). Works on bytes: the delimiter, quote, CR and LF are
 * ASCII, so this holds for UTF-8 and latin1 alike.
 */
function scanRecord(buf: Buffer, pos: number, eof: boolean, delim: number, scan: RecordScan): number {
  scan.count = 0;
  scan.problem = undefined;
  const len = buf.length;
  let i = pos;
  for (;;) {
    if (i < len && buf[i] === QUOTE) {
      let j = i + 1;
      let doubled = false;
      for (;;) {
        j = buf.indexOf(QUOTE, j);
        if (j === -1) {
          if (!eof) return -1;
          scan.push(i + 1, len, doubled ? 2 : 1);
          scan.problem = 'has a quoted field that is never closed';
          return len;
        }
        if (j + 1 < len) {
          if (buf[j + 1] === QUOTE) {
            doubled = true;
            j += 2;
            continue;
          }
        } else if (!eof) return -1;
        break;
      }
      scan.push(i + 1, j, doubled ? 2 : 1);
      i = j + 1;
      if (i < len && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) {
        scan.problem ??= 'has text after a closing quote';
        while (i < len && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) i++;
      }
    } else {
      let j = i;
      while (j < len) {
        const c = buf[j];
        if (c === delim || c === LF || c === CR) break;
        j++;
      }
      scan.push(i, j, 0);
      i = j;
    }
    if (i >= len) return eof ? len : -1;
    const c = buf[i];
    if (c === delim) {
      i++;
      continue;
    }
    if (c === LF) return i + 1;
    // CR: a CRLF pair, or a lone CR (old Mac line end)
    if (i + 1 < len) return buf[i + 1] === LF ? i + 2 : i + 1;
    return eof ? len : -1;
  }
}

function unquote(text: string, quoting: number): string {
  return quoting === 2 ? text.replace(DOUBLED_QUOTES, '"') : text;
}

/** The cells of a scanned record, or undefined when its bytes are not valid UTF-8. */
function decodeCells(buf: Buffer, start: number, end: number, scan: RecordScan, latin1: boolean): string[] | undefined {
  const cells = new Array<string>(scan.count);
  const record = buf.subarray(start, end);
  if (latin1 || isAscii(record)) {
    // one native call per record; the cells are slices of it
    const text = buf.toString('latin1', start, end);
    for (let k = 0; k < scan.count; k++) {
      cells[k] = unquote(text.slice(scan.starts[k] - start, scan.ends[k] - start), scan.quoting[k]);
    }
    return cells;
  }
  if (!isUtf8(record)) return undefined;
  // one native call here too: the cells' byte offsets become UTF-16 offsets in the record's text
  const text = buf.toString('utf8', start, end);
  let byte = start;
  let unit = 0;
  for (let k = 0; k < scan.count; k++) {
    unit = utf16Offset(buf, byte, scan.starts[k], unit);
    const from = unit;
    unit = utf16Offset(buf, scan.starts[k], scan.ends[k], unit);
    byte = scan.ends[k];
    cells[k] = unquote(text.slice(from, unit), scan.quoting[k]);
  }
  return cells;
}

/**
 * The UTF-16 offset of byte `to`, from that of byte `from` (`unit`), in valid UTF-8: every byte
 * but a continuation byte starts a character, and a four-byte one becomes a surrogate pair.
 */
function utf16Offset(buf: Buffer, from: number, to: number, unit: number): number {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if ((b & 0xc0) !== 0x80) unit += b >= 0xf0 ? 2 : 1;
  }
  return unit;
}

/** The record as text for an error report: invalid bytes shown as U+FFFD there, and only there. */
function lossyCells(buf: Buffer, scan: RecordScan): string[] {
  const cells: string[] = [];
  for (let k = 0; k < scan.count; k++) cells.push(buf.toString('utf8', scan.starts[k], scan.ends[k]));
  return cells;
}

/**
 * The bytes of an unfinished record, carried into the next chunk in one reusable buffer: joining
 * them with each chunk by `Buffer.concat` would allocate a new buffer per chunk.
 */
class Carry {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** The carried bytes, then `chunk`: the chunk itself when nothing is carried. */
  with(chunk: Buffer): Buffer {
    if (this.length === 0) return chunk;
    this.reserve(this.length + chunk.length);
    chunk.copy(this.buffer, this.length);
    return this.buffer.subarray(0, this.length + chunk.length);
  }

  /** Keeps `bytes` (a view of the input at hand, possibly of this very buffer) for the next chunk. */
  keep(bytes: Buffer): void {
    if (bytes.buffer === this.buffer.buffer && bytes.length <= this.buffer.length) {
      this.buffer.copyWithin(
        0,
        bytes.byteOffset - this.buffer.byteOffset,
        bytes.byteOffset - this.buffer.byteOffset + bytes.length,
      );
    } else {
      this.reserve(bytes.length, false);
      bytes.copy(this.buffer, 0);
    }
    this.length = bytes.length;
  }

  private reserve(size: number, keepContent = true): void {
    if (size <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    if (keepContent) this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}

/**
 * Streams a CSV file as a header item, then one item per data row. Row numbers are a spreadsheet's:
 * the header is row 1. Blank lines are skipped but counted. Fails the file (ImportFileError) when it
 * is not text, has no header, a header with invalid bytes, or a record over the size cap.
 */
export async function* decodeCsv(input: AsyncIterable<Buffer>, options: CsvDecodeOptions = {}): DecodedBatches {
  const latin1 = options.encoding === 'latin1';
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const maxBatchItems = options.maxBatchItems ?? MAX_BATCH_ITEMS;
  let delim = options.delimiter?.charCodeAt(0);
  const scan = new RecordScan();
  const pending = new Carry();
  let first = true;
  let headerCount = -1;
  let rowNumber = 0;

  const chunks = input[Symbol.asyncIterator]();
  // Closed however the decoding ends (a refused file, a consumer that stops), so the source
  // releases its file at once, not when the garbage collector finds it.
  try {
    for (;;) {
      const next = await chunks.next();
      const eof = next.done === true;
      let buf: Buffer;
      if (eof) {
        if (pending.length === 0) break;
        buf = pending.bytes();
      } else {
        buf = pending.with(Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value));
      }
      pending.clear();
      let pos = 0;
      if (first) {
        if (buf.length < 4 && !eof) {
          pending.keep(buf);
          continue;
        }
        first = false;
        const kind = sniff(buf);
        if (kind === 'zip' || kind === 'binary') {
          throw fileError(
            'FILE_TYPE_MISMATCH',
            `The file is not CSV text (it looks like ${kind === 'zip' ? 'a zip or XLSX file' : 'binary data'})`,
          );
        }
        if (!latin1 && hasUtf8Bom(buf)) pos = 3;
      }
      if (delim === undefined) {
        const detected = detectDelimiter(buf, pos, eof);
        if (detected === undefined) {
          if (buf.length - pos > maxRecordBytes) throw recordTooLarge(1, maxRecordBytes);
          pending.keep(buf.subarray(pos));
          continue;
        }
        delim = detected.charCodeAt(0);
      }

      let batch: DecodedItem[] = [];
      while (pos < buf.length) {
        if (batch.length >= maxBatchItems) {
          yield batch;
          batch = [];
        }
        const end = scanRecord(buf, pos, eof, delim, scan);
        if (end === -1) break;
        rowNumber++;
        const start = pos;
        pos = end;
        if (scan.count === 1 && scan.ends[0] === scan.starts[0] && scan.quoting[0] === 0) continue; // blank line
        if (end - start > maxRecordBytes) throw recordTooLarge(rowNumber, maxRecordBytes);
        const cells = decodeCells(buf, start, end, scan, latin1);
        if (headerCount === -1) {
          if (cells === undefined) {
            throw fileError(
              'INVALID_ENCODING',
              `Row ${rowNumber} (the header) is not valid UTF-8; is the file latin1?`,
            );
          }
          if (scan.problem) throw fileError('MALFORMED_FILE', `Row ${rowNumber} (the header) ${scan.problem}`);
          headerCount = cells.length;
          batch.push({ kind: 'header', rowNumber, names: cells });
        } else if (cells === undefined) {
          batch.push({
            kind: 'bad',
            rowNumber,
            message: 'holds bytes that are not valid UTF-8',
            raw: lossyCells(buf, scan),
          });
        } else if (scan.problem) {
          batch.push({ kind: 'bad', rowNumber, message: scan.problem, raw: cells });
        } else if (cells.length !== headerCount) {
          batch.push({
            kind: 'bad',
            rowNumber,
            message: `has ${cells.length} cells where the header has ${headerCount}`,
            raw: cells,
          });
        } else {
          batch.push({ kind: 'cells', rowNumber, cells });
        }
      }
      if (pos < buf.length) {
        if (buf.length - pos > maxRecordBytes) throw recordTooLarge(rowNumber + 1, maxRecordBytes);
        pending.keep(buf.subarray(pos));
      }
      if (batch.length > 0) yield batch;
      if (eof) break;
    }
  } finally {
    await chunks.return?.();
  }
  if (headerCount === -1) throw fileError('EMPTY_FILE', 'The file is empty: it has no header row');
}

const recordTooLarge = (row: number, max: number) =>
  fileError('RECORD_TOO_LARGE', `Row ${row} is longer than the limit of ${max} bytes for one record`);
