import { ColumnDefinition, ColumnType } from '../definition/schema-definition';

/** A refused value: one instance per column and reason, made when the table is compiled. */
export class Invalid {
  constructor(readonly message: string) {}
}

/** Coerces one input value of a column: the value to store, or why it is refused. Never throws. */
export type Coercer = (value: unknown) => unknown;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FLOAT_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)$/i;
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_TEXT = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_EMAIL_LENGTH = 254;

/**
 * Record values are `strict`: `maxLength` (in characters, i.e. code points), enum membership and the
 * email and URL formats. Filter values are checked for their type only: a longer string or a stored
 * value that predates a format simply matches or not.
 */
export interface CoercionOptions {
  strict: boolean;
}

const NUL_REFUSED = new Invalid('must not contain a NUL character');
const SURROGATE_REFUSED = new Invalid('must be valid Unicode (it holds a lone surrogate)');

/** NUL and lone surrogates are what PostgreSQL refuses in text; undefined when the text is fine. */
export function textProblem(text: string): Invalid | undefined {
  if (text.indexOf('\u0000') !== -1) return NUL_REFUSED;
  if (LONE_SURROGATE.test(text)) return SURROGATE_REFUSED;
  return undefined;
}

/** Length in code points, counting only when UTF-16 units could exceed the limit. */
function exceedsLength(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian (proleptic, as PostgreSQL's dates): arithmetic, no Date object per value. */
const daysInMonth = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month - 1];

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function textCoercer(column: ColumnDefinition, options: CoercionOptions): Coercer {
  const max = column.type === 'string' && options.strict ? (column.maxLength ?? 255) : undefined;
  const notText = new Invalid('must be a string');
  const tooLong = new Invalid(`must be at most ${max} characters`);
  return (value) => {
    let text: string;
    if (typeof value === 'string') text = value;
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') text = String(value);
    else return notText;
    const problem = textProblem(text);
    if (problem) return problem;
    if (max !== undefined && exceedsLength(text, max)) return tooLong;
    return text;
  };
}

function formattedTextCoercer(test: (text: string) => boolean, message: string): Coercer {
  const refused = new Invalid(message);
  return (value) => {
    if (typeof value !== 'string') return refused;
    const problem = textProblem(value);
    if (problem) return problem;
    return test(value) ? value : refused;
  };
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function integerCoercer(): Coercer {
  const refused = new Invalid(`must be an integer from ${INT32_MIN} to ${INT32_MAX}`);
  return (value) => {
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) n = Number(value);
    else return refused;
    return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? n : refused;
  };
}

/** Bigints stay strings: a JavaScript number holds only 53 bits. */
function bigintCoercer(): Coercer {
  const refused = new Invalid('must be an integer from -9223372036854775808 to 9223372036854775807');
  return (value) => {
    if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : refused;
    if (typeof value !== 'string') return refused;
    const text = value.trim();
    if (!INTEGER_TEXT.test(text) || text.length > 21) return refused;
    const n = BigInt(text);
    return n >= INT64_MIN && n <= INT64_MAX ? n.toString() : refused;
  };
}

/** Decimals stay strings so no digit is lost to a float; digits left of the point are checked. */
function decimalCoercer(column: ColumnDefinition): Coercer {
  const integerDigits = column.precision === undefined ? undefined : column.precision - (column.scale ?? 0);
  const refused = new Invalid('must be a decimal number');
  const tooLarge = new Invalid(
    `must have at most ${integerDigits} digits before the decimal point (precision ${column.precision}, scale ${column.scale ?? 0})`,
  );
  return (value) => {
    let text: string;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return refused;
      text = String(value);
    } else if (typeof value === 'string') {
      text = value.trim();
      if (!DECIMAL_TEXT.test(text)) return refused;
    } else return refused;
    if (integerDigits !== undefined && !/e/i.test(text)) {
      const unsigned = text.replace(/^[+-]/, '');
      const point = unsigned.indexOf('.');
      const whole = (point === -1 ? unsigned : unsigned.slice(0, point)).replace(/^0+/, '');
      if (whole.length > integerDigits) return tooLarge;
    }
    return text;
  };
}

function floatCoercer(): Coercer {
  const refused = new Invalid('must be a finite number');
  return (value) => {
    if (typeof value === 'number') return Number.isFinite(value) ? value : refused;
    if (typeof value !== 'string') return refused;
    const text = value.trim();
    if (!FLOAT_TEXT.test(text)) return refused;
    const n = Number(text);
    return Number.isFinite(n) ? n : refused;
  };
}

function booleanCoercer(): Coercer {
  const refused = new Invalid('must be true or false');
  return (value) => {
    if (typeof value === 'boolean') return value;
    if (typeof value !== 'string') return refused;
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    return refused;
  };
}

/** The number the `count` ASCII digits at `at` make, or -1 if one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** `YYYY-MM-DD` at the start of `text` as a real date (the common shape, read without a regular expression). */
function isPlainDateAt(text: string): boolean {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  return isRealDate(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2));
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` (T or a space, Z in either case), the shape most files hold: checked by
 * character codes, without the regular expression's match array. Undefined for any other shape
 * (the regular expression decides then).
 */
function plainTimestamp(text: string): boolean | undefined {
  if (text.length !== 20) return undefined;
  const t = text.charCodeAt(10);
  const z = text.charCodeAt(19);
  if ((t !== 84 && t !== 116 && t !== 32) || (z !== 90 && z !== 122)) return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (hour < 0 || minute < 0 || second < 0 || year < 0 || month < 0 || day < 0) return undefined;
  return isRealDate(year, month, day) && hour <= 23 && minute <= 59 && second <= 59;
}

function dateCoercer(): Coercer {
  const refused = new Invalid('must be a date as YYYY-MM-DD');
  return (value) => {
    if (typeof value !== 'string') return refused;
    const text = value.trim();
    if (text.length === 10 && isPlainDateAt(text)) return text;
    const m = DATE_TEXT.exec(text);
    return m && isRealDate(+m[1], +m[2], +m[3]) ? m[0] : refused;
  };
}

/** ISO 8601 with a time zone (`Z` or an offset); also PostgreSQL's own text form, as cursors carry it. */
function timestampCoercer(): Coercer {
  const refused = new Invalid('must be an ISO 8601 timestamp with a time zone, e.g. 2024-05-01T12:00:00Z');
  return (value) => {
    if (typeof value !== 'string') return refused;
    const text = value.trim();
    const plain = plainTimestamp(text);
    if (plain !== undefined) return plain ? text : refused;
    const m = TIMESTAMP_TEXT.exec(text);
    if (!m || !isRealDate(+m[1], +m[2], +m[3])) return refused;
    if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return refused;
    if ((m[8] !== undefined && +m[8] > 15) || (m[9] !== undefined && +m[9] > 59)) return refused;
    return text;
  };
}

function uuidCoercer(): Coercer {
  const refused = new Invalid('must be a UUID');
  return (value) => (typeof value === 'string' && UUID_TEXT.test(value) ? value.toLowerCase() : refused);
}

function enumCoercer(column: ColumnDefinition, options: CoercionOptions): Coercer {
  const values = new Set(column.values ?? []);
  const refused = new Invalid(`must be one of ${[...values].join(', ')}`);
  const notText = new Invalid('must be a string');
  return (value) => {
    if (typeof value !== 'string') return notText;
    const problem = textProblem(value);
    if (problem) return problem;
    return !options.strict || values.has(value) ? value : refused;
  };
}

function hasUnsafeText(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return textProblem(value) !== undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => hasUnsafeText(item, depth + 1));
  for (const key in value) {
    if (textProblem(key) !== undefined || hasUnsafeText((value as Record<string, unknown>)[key], depth + 1))
      return true;
  }
  return false;
}

/** Any JSON value, stored as its JSON text (what a jsonb parameter and COPY both take). */
function jsonCoercer(): Coercer {
  const refused = new Invalid('must be a JSON value');
  const unsafe = new Invalid('must not contain a NUL character or a lone surrogate in its strings or keys');
  return (value) => {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
      return refused;
    if (typeof value === 'number' && !Number.isFinite(value)) return refused;
    if (hasUnsafeText(value, 0)) return unsafe;
    try {
      return JSON.stringify(value);
    } catch {
      return refused;
    }
  };
}

/** The coercer of a column, made once per compiled table. */
export function coercerFor(column: ColumnDefinition, options: CoercionOptions): Coercer {
  const type: ColumnType = column.type;
  switch (type) {
    case 'string':
    case 'text':
      return textCoercer(column, options);
    case 'email':
      if (!options.strict) return textCoercer(column, options);
      return formattedTextCoercer(
        (text) => text.length <= MAX_EMAIL_LENGTH && EMAIL_TEXT.test(text),
        'must be a valid email',
      );
    case 'url':
      if (!options.strict) return textCoercer(column, options);
      return formattedTextCoercer(isHttpUrl, 'must be a valid http or https URL');
    case 'enum':
      return enumCoercer(column, options);
    case 'integer':
      return integerCoercer();
    case 'bigint':
      return bigintCoercer();
    case 'decimal':
      return decimalCoercer(column);
    case 'float':
      return floatCoercer();
    case 'boolean':
      return booleanCoercer();
    case 'date':
      return dateCoercer();
    case 'timestamp':
      return timestampCoercer();
    case 'uuid':
    case 'reference':
      return uuidCoercer();
    case 'json':
      return jsonCoercer();
  }
}
