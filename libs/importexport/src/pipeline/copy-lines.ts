import { BufferPool } from './buffer-pool';

const MIN_BYTES = 4 * 1024;
const TAB = 0x09;
const BACKSLASH = 0x5c;
const LF = 0x0a;

/**
 * Lines of COPY text encoded into one buffer as they are made, with where each ends.
 *
 * A row's line is a rope of its fields, and its fields are slices of the decoded record: keeping
 * the lines of a batch as strings keeps all of that alive until the batch is loaded, long enough to
 * be promoted out of V8's young generation (hundreds of MB of garbage in the old one for a large
 * file). Encoded at once, every string of the row dies young.
 */
export class CopyLines {
  private buffer: Buffer;
  private used = 0;
  private readonly ends: number[] = [];

  /**
   * `expectedBytes`: what the lines will likely take (too little costs a copy, too much idle
   * memory). With a `pool`, the buffer comes from it and goes back with `release`.
   */
  constructor(
    expectedBytes = MIN_BYTES,
    private readonly pool?: BufferPool,
  ) {
    this.buffer = this.allocate(Math.max(MIN_BYTES, Math.ceil(expectedBytes)));
  }

  /** Gives the buffer back to the pool: once its bytes have been sent, and nothing uses these lines any more. */
  release(): void {
    this.pool?.give(this.buffer);
  }

  get count(): number {
    return this.ends.length;
  }

  get bytes(): number {
    return this.used;
  }

  push(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.used + line.length * 3 > this.buffer.length) this.grow(line.length * 3);
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.ends.push(this.used);
  }

  /** Appends a line given without its newline. */
  pushLine(text: string): void {
    if (this.used + text.length * 3 + 1 > this.buffer.length) this.grow(text.length * 3 + 1);
    this.used += this.buffer.write(text, this.used);
    this.buffer[this.used++] = LF;
    this.ends.push(this.used);
  }

  /** The i-th line without its newline. */
  line(i: number): string {
    return this.buffer.toString('utf8', i === 0 ? 0 : this.ends[i - 1], this.ends[i] - 1);
  }

  /** The n-th field (from 0) of the i-th line, unescaped; null for `\N`. Reads only that field's bytes. */
  field(i: number, n: number): string | null {
    const end = this.ends[i] - 1;
    let start = i === 0 ? 0 : this.ends[i - 1];
    for (let k = 0; k < n; k++) {
      const tab = this.buffer.indexOf(TAB, start);
      if (tab === -1 || tab >= end) throw new Error(`Line ${i} has no field ${n}`);
      start = tab + 1;
    }
    let stop = this.buffer.indexOf(TAB, start);
    if (stop === -1 || stop > end) stop = end;
    if (stop - start === 2 && this.buffer[start] === BACKSLASH && this.buffer[start + 1] === 0x4e) return null;
    return unescapeCopyText(this.buffer.toString('utf8', start, stop));
  }

  /** Every line, one after the other (a view, not a copy). */
  all(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  /**
   * The lines whose index `skip` does not name, moved together in place (no new buffer). Line
   * numbers change, so nothing may read single lines afterwards.
   */
  without(skip: ReadonlySet<number> | ReadonlyMap<number, unknown>): Buffer {
    if (skip.size === 0) return this.all();
    let size = 0;
    for (let i = 0; i < this.ends.length; i++) {
      if (skip.has(i)) continue;
      const start = i === 0 ? 0 : this.ends[i - 1];
      if (start !== size) this.buffer.copyWithin(size, start, this.ends[i]);
      size += this.ends[i] - start;
    }
    this.ends.length = 0;
    this.used = size;
    return this.buffer.subarray(0, size);
  }

  private grow(need: number): void {
    const bigger = this.allocate(Math.max(Math.ceil(this.buffer.length * 1.5), this.used + need));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.pool?.give(this.buffer);
    this.buffer = bigger;
  }

  private allocate(bytes: number): Buffer {
    return this.pool ? this.pool.take(bytes) : Buffer.allocUnsafe(bytes);
  }
}

/** The fields of a line of COPY text, unescaped: null for `\N`. */
export function copyFields(line: string): (string | null)[] {
  return line.split('\t').map((field) => (field === '\\N' ? null : unescapeCopyText(field)));
}

const ESCAPE = /\\(.)/g;
const UNESCAPED: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };

function unescapeCopyText(field: string): string {
  return field.indexOf('\\') === -1 ? field : field.replace(ESCAPE, (_, c: string) => UNESCAPED[c] ?? c);
}
