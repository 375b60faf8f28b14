/** Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
const PG_EPOCH_DAYS = 10957;
const MICROS_PER_DAY = 86_400_000_000;
const TWO_32 = 4294967296;
/** |hi| below this: hi * 2^32 + lo is an exact double. */
const EXACT_HI = 1 << 20;

/** `YYYY-MM-DD` of recently written days by day number mod 1024 (rows often share days). */
const cachedDay = new Float64Array(1024).fill(NaN);
const cachedDate: Buffer[] = new Array<Buffer>(1024);

/**
 * Writes a binary `timestamptz` (microseconds since 2000-01-01 UTC as `hi`, `lo` 32-bit halves)
 * into `out` at `at` as the records API shows it: `to_char(t AT TIME ZONE 'UTC',
 * 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`. Returns the end offset, or -1 for infinity (to_char gives
 * NULL). `out` needs at least 40 bytes from `at`.
 */
export function writeIsoTimestamp(out: Buffer, at: number, hi: number, lo: number): number {
  if ((hi === 0x7fffffff && lo === 0xffffffff) || (hi === -0x80000000 && lo === 0)) return -1;
  let day: number;
  let micros: number;
  if (hi > -EXACT_HI && hi < EXACT_HI) {
    const total = hi * TWO_32 + lo;
    day = Math.floor(total / MICROS_PER_DAY);
    micros = total - day * MICROS_PER_DAY;
  } else {
    const total = (BigInt(hi) << 32n) + BigInt(lo);
    let rest = total % 86_400_000_000n;
    if (rest < 0n) rest += 86_400_000_000n;
    micros = Number(rest);
    day = Number((total - rest) / 86_400_000_000n);
  }
  const slot = day & 1023;
  if (cachedDay[slot] !== day) {
    cachedDate[slot] = civilDate(day + PG_EPOCH_DAYS);
    cachedDay[slot] = day;
  }
  const date = cachedDate[slot];
  let p = at;
  for (let i = 0; i < date.length; i++) out[p++] = date[i];
  out[p++] = 84; // T
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  p = two(out, p, (seconds / 3600) | 0);
  out[p++] = 58; // :
  p = two(out, p, ((seconds / 60) | 0) % 60);
  out[p++] = 58;
  p = two(out, p, seconds % 60);
  out[p++] = 46; // .
  p = two(out, p, (fraction / 10000) | 0);
  p = two(out, p, ((fraction / 100) | 0) % 100);
  p = two(out, p, fraction % 100);
  out[p++] = 90; // Z
  return p;
}

/** `YYYY-MM-DD` of days since 1970 (H. Hinnant's algorithm, proleptic Gregorian as PostgreSQL). */
function civilDate(days: number): Buffer {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const astronomical = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // to_char's YYYY: a year BC as its positive number (1 BC is year 0), at least four digits
  const year = astronomical <= 0 ? 1 - astronomical : astronomical;
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return Buffer.from(`${String(year).padStart(4, '0')}-${pad(month)}-${pad(dayOfMonth)}`, 'latin1');
}

/** The two digits of 0 to 99 at 2n and 2n + 1. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  DIGIT_PAIRS[2 * n] = 48 + Math.floor(n / 10);
  DIGIT_PAIRS[2 * n + 1] = 48 + (n % 10);
}

function two(out: Buffer, p: number, value: number): number {
  out[p] = DIGIT_PAIRS[2 * value];
  out[p + 1] = DIGIT_PAIRS[2 * value + 1];
  return p + 2;
}
