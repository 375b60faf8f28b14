import { Transform, TransformCallback } from 'node:stream';
import { csvCell } from './export-cells';
import { writeIsoTimestamp } from './iso-timestamp';

/**
 * How one column of `COPY (SELECT ...) TO STDOUT (FORMAT binary)` arrives and is written:
 * `text` as its UTF-8 bytes (formula-neutralized when `neutralize`), `plain` as text that never
 * needs quoting or neutralizing (numbers, dates, uuids), `json` as text parsed and
 * written as the records API shows it, the others in PostgreSQL's binary form.
 */
export type BinaryCell =
  | { kind: 'text'; neutralize: boolean }
  | { kind: 'plain' }
  | { kind: 'json' }
  | { kind: 'timestamp' }
  | { kind: 'boolean' }
  | { kind: 'float' };

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK_BYTES = 256 * 1024;
const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const APOSTROPHE = 39;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const JSON_COLUMN = { name: '', type: 'json' } as const;
/** Bytes that make COPY quote a field: comma, quote, LF, CR. */
const QUOTED = new Uint8Array(256);
for (const c of [COMMA, QUOTE, LF, CR]) QUOTED[c] = 1;
/** = + - @ tab CR: a spreadsheet takes a cell starting so for a formula. */
const FORMULA_START = new Uint8Array(256);
for (const c of [61, 43, 45, 64, 9, 13]) FORMULA_START[c] = 1;

/**
 * Turns a binary COPY stream into the CSV that `COPY ... (FORMAT csv, HEADER true)` of the records
 * API's values would give: a header of the names, NULL as an empty cell, an empty text as `""`,
 * fields quoted when they hold a comma, quote, LF or CR, lines ending in LF. PostgreSQL then only
 * sends the values; the timestamps' ISO text and the neutralization cost it nothing.
 */
export class BinaryCopyToCsv extends Transform {
  rows = 0;
  private out = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private need = 0;
  private headerRead = false;
  private ended = false;
  private readonly single: boolean;

  constructor(
    names: readonly string[],
    private readonly cells: readonly BinaryCell[],
  ) {
    super();
    this.single = cells.length === 1;
    const header = Buffer.from(names.map((n) => csvText(n, this.single)).join(',') + '\n');
    this.reserve(header.length);
    this.at += header.copy(this.out, this.at);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      let data = chunk;
      if (this.pendingBytes > 0) {
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        if (this.pendingBytes < this.need) return done();
        data = Buffer.concat(this.pending, this.pendingBytes);
        this.pending = [];
        this.pendingBytes = 0;
      }
      const used = this.consume(data);
      if (used < data.length) {
        this.pending.push(data.subarray(used));
        this.pendingBytes = data.length - used;
      }
      if (this.at >= CHUNK_BYTES / 2) this.flushOut();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.ended || this.pendingBytes > 0) return done(new Error('The binary COPY stream ended early'));
    this.flushOut();
    done();
  }

  /** Reads whole rows from `data`; returns how far it got (the rest waits for more bytes). */
  private consume(data: Buffer): number {
    let p = 0;
    if (!this.headerRead) {
      if (data.length < 19) return this.wait(19);
      if (!data.subarray(0, 11).equals(SIGNATURE)) throw new Error('Not a binary COPY stream');
      const end = 19 + data.readInt32BE(15);
      if (data.length < end) return this.wait(end);
      p = end;
      this.headerRead = true;
    }
    const length = data.length;
    while (p < length && !this.ended) {
      if (p + 2 > length) return this.wait(p + 2 - p, p);
      const count = data.readInt16BE(p);
      if (count === -1) {
        this.ended = true;
        return p + 2;
      }
      // the whole row first, so a row cut between chunks is written once it is whole
      let q = p + 2;
      for (let i = 0; i < count; i++) {
        if (q + 4 > length) return this.wait(q + 4 - p, p);
        const size = int32(data, q);
        q += 4 + (size > 0 ? size : 0);
        if (q > length) return this.wait(q - p, p);
      }
      if (count !== this.cells.length)
        throw new Error(`A COPY row of ${count} fields for ${this.cells.length} columns`);
      this.writeRow(data, p + 2);
      p = q;
      this.rows++;
    }
    return p;
  }

  private wait(need: number, from = 0): number {
    this.need = need;
    return from;
  }

  private writeRow(data: Buffer, start: number): void {
    let p = start;
    const cells = this.cells;
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) {
        this.reserve(1);
        this.out[this.at++] = COMMA;
      }
      const size = int32(data, p);
      p += 4;
      if (size < 0) continue; // NULL: an empty cell
      const cell = cells[i];
      switch (cell.kind) {
        case 'text':
          this.writeText(data, p, p + size, cell.neutralize);
          break;
        case 'plain':
          this.writePlain(data, p, size);
          break;
        case 'timestamp': {
          this.reserve(40);
          const end = writeIsoTimestamp(this.out, this.at, int32(data, p), int32(data, p + 4) >>> 0);
          if (end > 0) this.at = end;
          break;
        }
        case 'boolean':
          this.writeSmall(data[p] ? TRUE : FALSE);
          break;
        case 'float':
          this.writeBytes(Buffer.from(String(data.readDoubleBE(p))));
          break;
        case 'json': {
          // as the records API shows it: compact JSON, a JSON string as its text, JSON null as NULL
          const value: unknown = JSON.parse(data.toString('utf8', p, p + size));
          if (value === null) break;
          const bytes = Buffer.from(csvCell(value, JSON_COLUMN, false));
          this.writeText(bytes, 0, bytes.length, false);
          break;
        }
      }
      p += size;
    }
    this.reserve(1);
    this.out[this.at++] = LF;
  }

  /** A text field as COPY's CSV writes it, with a `'` first when it would start a formula. */
  private writeText(data: Buffer, start: number, end: number, neutralize: boolean): void {
    const size = end - start;
    if (size === 0 || (this.single && size === 2 && data[start] === 92 && data[start + 1] === 46)) {
      this.quoted(data, start, end, false);
      return;
    }
    this.reserve(size + 1);
    const out = this.out;
    const mark = this.at;
    let o = mark;
    if (neutralize && FORMULA_START[data[start]] === 1) out[o++] = APOSTROPHE;
    if (size > 64) {
      for (let i = start; i < end; i++) {
        const c = data[i];
        if (QUOTED[c] === 1) return this.quoted(data, start, end, neutralize);
      }
      this.at = o + data.copy(out, o, start, end);
      return;
    }
    for (let i = start; i < end; i++) {
      const c = data[i];
      if (QUOTED[c] === 1) return this.quoted(data, start, end, neutralize);
      out[o++] = c;
    }
    this.at = o;
  }

  private quoted(data: Buffer, start: number, end: number, neutralize: boolean): void {
    this.reserve(2 * (end - start) + 3);
    const out = this.out;
    let o = this.at;
    out[o++] = QUOTE;
    if (neutralize && FORMULA_START[data[start]] === 1) out[o++] = APOSTROPHE;
    for (let i = start; i < end; i++) {
      const c = data[i];
      if (c === QUOTE) out[o++] = QUOTE;
      out[o++] = c;
    }
    out[o++] = QUOTE;
    this.at = o;
  }

  private writePlain(data: Buffer, start: number, size: number): void {
    this.reserve(size);
    const out = this.out;
    let o = this.at;
    for (let i = start, end = start + size; i < end; i++) out[o++] = data[i];
    this.at = o;
  }

  private writeSmall(bytes: Buffer): void {
    this.reserve(bytes.length);
    const out = this.out;
    let o = this.at;
    for (let i = 0; i < bytes.length; i++) out[o++] = bytes[i];
    this.at = o;
  }

  private writeBytes(bytes: Buffer): void {
    this.reserve(bytes.length);
    this.at += bytes.copy(this.out, this.at);
  }

  /** Room for `bytes` more in the output chunk (a full chunk is handed on first). */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.out.length) return;
    this.flushOut();
    if (bytes > this.out.length) this.out = Buffer.allocUnsafe(bytes);
  }

  private flushOut(): void {
    if (this.at === 0) return;
    this.push(this.out.subarray(0, this.at));
    this.out = Buffer.allocUnsafe(CHUNK_BYTES);
    this.at = 0;
  }
}

/** A big-endian int32 (Buffer's reader checks its bounds on every call; these are checked already). */
const int32 = (data: Buffer, p: number) => (data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3];

/** A header name as COPY's CSV writes it. */
function csvText(text: string, single: boolean): string {
  if (text === '' || /[",\n\r]/.test(text) || (single && text === '\\.')) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
