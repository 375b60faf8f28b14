import { randomBytes } from 'node:crypto';

const COUNTER_DIGITS = 12;
/** The largest number an id of a range can carry (48 bits). */
export const MAX_BULK_ID_NUMBER = 2 ** 48 - 1;

/**
 * The ids of records created together (an import): UUIDs of version 8 that share their first 80
 * bits and carry a number in the last 48, so that one history entry names them all as one range.
 *
 * `tttttttt-tttt-8aaa-vbbb-nnnnnnnnnnnn`: 48 bits of Unix milliseconds (as the table's own version 7
 * ids, so the index stays ordered by time and the rows land at its right edge), the version 8, 26
 * random bits (`aaa`, two bits of `v`, `bbb`; `v` also holds the RFC 9562 variant) and the number.
 * Ids made by the table's default are version 7, so no single record ever falls inside a range.
 */
export class BulkIdRange {
  /** The 24 characters every id of the range starts with. */
  readonly prefix: string;

  constructor(prefix: string) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-$/.test(prefix))
      throw new Error(`Not the prefix of a bulk id range: ${prefix}`);
    this.prefix = prefix;
  }

  static create(now = Date.now()): BulkIdRange {
    const time = now.toString(16).padStart(12, '0');
    const random = randomBytes(4).readUInt32BE(0);
    const a = (random & 0xfff).toString(16).padStart(3, '0');
    const variant = (8 + ((random >>> 12) & 3)).toString(16);
    const b = ((random >>> 14) & 0xfff).toString(16).padStart(3, '0');
    return new BulkIdRange(`${time.slice(0, 8)}-${time.slice(8)}-8${a}-${variant}${b}-`);
  }

  get first(): string {
    return this.prefix + '0'.repeat(COUNTER_DIGITS);
  }

  get last(): string {
    return this.prefix + 'f'.repeat(COUNTER_DIGITS);
  }

  /** The id carrying `n` (0 to 2^48 - 1), e.g. a row number of the file. */
  idOf(n: number): string {
    return this.prefix + n.toString(16).padStart(COUNTER_DIGITS, '0');
  }
}
