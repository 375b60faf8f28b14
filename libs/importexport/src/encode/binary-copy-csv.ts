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

/** The cells' kinds as small numbers: the row loop switches on them. */
const TEXT = 0;
const NEUTRALIZED_TEXT = 1;
const PLAIN = 2;
const TIMESTAMP = 3;
const BOOLEAN = 4;
const FLOAT = 5;
const JSON_TEXT = 6;
const KIND_CODES = { plain: PLAIN, timestamp: TIMESTAMP, boolean: BOOLEAN, float: FLOAT, json: JSON_TEXT } as const;

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_BYTES = 19;
/** The output chunks handed on (file writes of this size). */
export const CSV_CHUNK_BYTES = 1024 * 1024;
/** Room for the longest timestamp text, `294276-12-31T23:59:59.999999Z`. */
const TIMESTAMP_SLOT = 32;
/**
 * Room a row needs in the output, besides its json cells: a text field at worst doubles and gains
 * quotes and an apostrophe, a binary field of 1 to 8 bytes becomes at most 33 characters (a
 * timestamp of year 294276), plus a comma or LF per field.
 */
const rowBound = (rowBytes: number, fields: number) => 2 * rowBytes + 40 * fields + 8;
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
 * Turns the data of a binary COPY into the CSV that `COPY ... (FORMAT csv, HEADER true)` of the
 * records API's values would give: a header of the names, NULL as an empty cell, an empty text as
 * `""`, fields quoted when they hold a comma, quote, LF or CR, lines ending in LF. PostgreSQL then
 * only sends the values; the timestamps' ISO text and the neutralization cost it nothing.
 *
 * `write` takes the COPY data in pieces cut anywhere (a CopyData message's payload, straight from
 * the socket's chunk: no copy); whole rows are written at once, a row cut between pieces is kept
 * until it is whole. The CSV goes to `output` in chunks of about `CSV_CHUNK_BYTES`.
 */
export class BinaryCopyCsvEncoder {
  rows = 0;
  private out = Buffer.allocUnsafe(CSV_CHUNK_BYTES);
  private outView = viewOf(this.out);
  private at = 0;
  /** The piece being read and a view of it (one per socket chunk: its messages come one by one). */
  private input: Buffer = this.out;
  private inputView = this.outView;
  /** The start of a row (or the header) cut between pieces, and how many bytes of it `consume` needs. */
  private carry = Buffer.allocUnsafe(1024);
  private carried = 0;
  private need = HEADER_BYTES;
  private headerRead = false;
  private ended = false;
  private readonly kinds: Uint8Array;
  /** Each timestamp column's last value and its text (length -1: infinity, written as NULL). */
  private readonly lastHi: Int32Array;
  private readonly lastLo: Uint32Array;
  private readonly lastTimestampLengths: Int8Array;
  private readonly lastTimestamps: DataView;
  private readonly single: boolean;

  constructor(
    names: readonly string[],
    cells: readonly BinaryCell[],
    private readonly output: (chunk: Buffer) => void,
  ) {
    this.kinds = Uint8Array.from(cells, (c) =>
      c.kind === 'text' ? (c.neutralize ? NEUTRALIZED_TEXT : TEXT) : KIND_CODES[c.kind],
    );
    this.lastHi = new Int32Array(cells.length);
    this.lastLo = new Uint32Array(cells.length);
    this.lastTimestampLengths = new Int8Array(cells.length);
    this.lastTimestamps = new DataView(new ArrayBuffer(cells.length * TIMESTAMP_SLOT));
    this.single = cells.length === 1;
    const header = Buffer.from(names.map((n) => csvText(n, this.single)).join(',') + '\n');
    this.reserve(header.length);
    this.at += header.copy(this.out, this.at);
  }

  /** Converts `data[start, end)`, the next bytes of the COPY data. */
  write(data: Buffer, start: number, end: number): void {
    let p = start;
    while (this.carried > 0 || !this.headerRead) {
      // only up to what the cut row needs: the rows after it are read in place
      const take = Math.min(this.need - this.carried, end - p);
      this.keep(data, p, p + take);
      p += take;
      if (this.carried < this.need) return;
      const used = this.consume(this.carry, 0, this.carried);
      if (used === this.carried) this.carried = 0;
      else if (used > 0) throw new Error('A binary COPY row was read past its end');
    }
    if (p === end) return;
    const used = this.consume(data, p, end);
    if (used < end) this.keep(data, used, end);
  }

  /** The COPY's data is all there: the last CSV goes out. */
  end(): void {
    if (!this.ended || this.carried > 0) throw new Error('The binary COPY stream ended early');
    this.flush();
  }

  /** Hands on what is written so far. */
  flush(): void {
    if (this.at === 0) return;
    this.output(this.out.subarray(0, this.at));
    this.out = Buffer.allocUnsafe(CSV_CHUNK_BYTES);
    this.outView = viewOf(this.out);
    this.at = 0;
  }

  private keep(data: Buffer, start: number, end: number): void {
    const size = this.carried + end - start;
    if (size > this.carry.length) {
      const larger = Buffer.allocUnsafe(Math.max(size, 2 * this.carry.length));
      this.carry.copy(larger, 0, 0, this.carried);
      this.carry = larger;
    }
    this.carried += data.copy(this.carry, this.carried, start, end);
  }

  /** Writes the whole rows of `data[start, end)`; returns where it stopped (a cut row starts there). */
  private consume(data: Buffer, start: number, end: number): number {
    if (this.ended) throw new Error('Data after the end of a binary COPY');
    if (data !== this.input) {
      this.input = data;
      this.inputView = viewOf(data);
    }
    const view = this.inputView;
    let p = start;
    if (!this.headerRead) {
      if (end - p < HEADER_BYTES) return this.wait(HEADER_BYTES, p);
      if (data.compare(SIGNATURE, 0, SIGNATURE.length, p, p + SIGNATURE.length) !== 0)
        throw new Error('Not a binary COPY stream');
      const length = HEADER_BYTES + view.getInt32(p + 15);
      if (end - p < length) return this.wait(length, p);
      p += length;
      this.headerRead = true;
    }
    const fields = this.kinds.length;
    while (p < end) {
      if (p + 2 > end) return this.wait(2, p);
      const count = (data[p] << 8) | data[p + 1];
      if (count === 0xffff) {
        this.ended = true;
        if (p + 2 < end) throw new Error('Data after the end of a binary COPY');
        return end;
      }
      // the whole row first, so a row cut between pieces is written once it is whole
      let q = p + 2;
      for (let i = 0; i < count; i++) {
        if (q + 4 > end) return this.wait(q + 4 - p, p);
        const size = view.getInt32(q);
        q += 4 + (size > 0 ? size : 0);
        if (q > end) return this.wait(q - p, p);
      }
      if (count !== fields) throw new Error(`A COPY row of ${count} fields for ${fields} columns`);
      this.reserve(rowBound(q - p, fields));
      this.writeRow(data, p + 2, q - p);
      p = q;
      this.rows++;
    }
    return p;
  }

  private wait(need: number, from: number): number {
    this.need = need;
    return from;
  }

  /** One row; `reserve(rowBound(...))` made room for every field (a json one makes its own). */
  private writeRow(data: Buffer, start: number, rowBytes: number): void {
    const kinds = this.kinds;
    const view = this.inputView;
    let out = this.out;
    let p = start;
    for (let i = 0; i < kinds.length; i++) {
      if (i > 0) out[this.at++] = COMMA;
      const size = view.getInt32(p);
      p += 4;
      if (size < 0) continue; // NULL: an empty cell
      switch (kinds[i]) {
        case TEXT:
          this.writeText(data, p, p + size, false);
          break;
        case NEUTRALIZED_TEXT:
          this.writeText(data, p, p + size, true);
          break;
        case PLAIN:
          copyWords(view, p, this.outView, this.at, size);
          this.at += size;
          break;
        case TIMESTAMP:
          this.writeTimestamp(i, view.getInt32(p), view.getUint32(p + 4));
          break;
        case BOOLEAN: {
          const word = data[p] ? TRUE : FALSE;
          let o = this.at;
          for (let j = 0; j < word.length; j++) out[o++] = word[j];
          this.at = o;
          break;
        }
        case FLOAT:
          this.at += out.write(String(data.readDoubleBE(p)), this.at, 'latin1');
          break;
        case JSON_TEXT:
          this.writeJson(data, p, size, rowBytes);
          out = this.out;
          break;
      }
      p += size;
    }
    out[this.at++] = LF;
  }

  /**
   * A timestamp, copied from the column's previous one when it is the same: an import gives all its
   * rows one `created_at` and `updated_at`.
   */
  private writeTimestamp(column: number, hi: number, lo: number): void {
    const out = this.out;
    const from = column * TIMESTAMP_SLOT;
    const last = this.lastTimestamps;
    let length = this.lastTimestampLengths[column];
    if (length === 0 || this.lastHi[column] !== hi || this.lastLo[column] !== lo) {
      const end = writeIsoTimestamp(out, this.at, hi, lo);
      length = end > 0 ? end - this.at : -1;
      this.lastHi[column] = hi;
      this.lastLo[column] = lo;
      this.lastTimestampLengths[column] = length;
      if (length > 0) copyWords(this.outView, this.at, last, from, length);
    } else {
      copyWords(last, from, this.outView, this.at, length);
    }
    if (length > 0) this.at += length;
  }

  /** As the records API shows it: compact JSON, a JSON string as its text, JSON null as NULL. */
  private writeJson(data: Buffer, p: number, size: number, rowBytes: number): void {
    const value: unknown = JSON.parse(data.toString('utf8', p, p + size));
    if (value === null) return;
    const bytes = Buffer.from(csvCell(value, JSON_COLUMN, false));
    // its own room and again the whole row's for the fields after it (the chunk may be handed on here)
    this.reserve(2 * bytes.length + 3 + rowBound(rowBytes, this.kinds.length));
    this.writeText(bytes, 0, bytes.length, false);
  }

  /** A text field as COPY's CSV writes it, with a `'` first when it would start a formula. */
  private writeText(data: Buffer, start: number, end: number, neutralize: boolean): void {
    const size = end - start;
    if (size === 0 || (this.single && size === 2 && data[start] === 92 && data[start + 1] === 46)) {
      this.quoted(data, start, end, false);
      return;
    }
    const out = this.out;
    let o = this.at;
    if (neutralize && FORMULA_START[data[start]] === 1) out[o++] = APOSTROPHE;
    if (size > 64) {
      for (let i = start; i < end; i++) {
        if (QUOTED[data[i]] === 1) return this.quoted(data, start, end, neutralize);
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

  /** Room for `bytes` more in the output chunk (a full chunk is handed on first). */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.out.length) return;
    this.flush();
    if (bytes > this.out.length) {
      this.out = Buffer.allocUnsafe(bytes);
      this.outView = viewOf(this.out);
    }
  }
}

const viewOf = (bytes: Buffer) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Copies `size` bytes, four at a time (a byte loop takes three times as long over a uuid). */
function copyWords(from: DataView, start: number, to: DataView, at: number, size: number): void {
  let i = 0;
  for (; i + 4 <= size; i += 4) to.setInt32(at + i, from.getInt32(start + i));
  for (; i < size; i++) to.setUint8(at + i, from.getUint8(start + i));
}

/** A header name as COPY's CSV writes it. */
function csvText(text: string, single: boolean): string {
  if (text === '' || /[",\n\r]/.test(text) || (single && text === '\\.')) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
