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

  /**
   * Appends the line of the first `count` fields, tab-separated, and its newline: each field's
   * characters go straight into the buffer, so no joined line string is made (and collected).
   */
  pushFields(fields: readonly string[], count: number): void {
    let chars = count;
    for (let k = 0; k < count; k++) chars += fields[k].length;
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.used + chars * 3 > this.buffer.length) this.grow(chars * 3);
    const buffer = this.buffer;
    let at = this.used;
    for (let k = 0; k < count; k++) {
      if (k > 0) buffer[at++] = TAB;
      at = encodeUtf8(fields[k], buffer, at);
    }
    buffer[at++] = LF;
    this.used = at;
    this.ends.push(at);
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

/**
 * Writes `text` as UTF-8 at `at`, returning where it ends; a lone surrogate becomes U+FFFD, as
 * `Buffer.write` makes it. For the short fields of a line a loop here is cheaper than a native call.
 */
function encodeUtf8(text: string, buffer: Buffer, at: number): number {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      buffer[at++] = c;
    } else if (c < 0x800) {
      buffer[at++] = 0xc0 | (c >> 6);
      buffer[at++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buffer[at++] = 0xf0 | (point >> 18);
          buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
          buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
          buffer[at++] = 0x80 | (point & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      buffer[at++] = 0xe0 | (c >> 12);
      buffer[at++] = 0x80 | ((c >> 6) & 0x3f);
      buffer[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
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
