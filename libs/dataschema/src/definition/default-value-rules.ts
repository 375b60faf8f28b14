import { ColumnDefinition } from './schema-definition';

const INT32 = 2 ** 31;
const INT64 = BigInt(2) ** BigInt(63);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().startsWith(text);
}

function isUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function decimalProblem(value: unknown, column: ColumnDefinition): string | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const m = typeof text === 'string' ? DECIMAL.exec(text) : null;
  if (!m) return 'must be a decimal number';
  if (column.precision === undefined) return undefined;
  const scale = column.scale ?? 0;
  const integerDigits = m[1].replace(/^0+/, '').length;
  if (integerDigits > column.precision - scale)
    return `must have at most ${column.precision - scale} digits before the point`;
  if ((m[2] ?? '').replace(/0+$/, '').length > scale) return `must have at most ${scale} digits after the point`;
  return undefined;
}

function stringProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  return undefined;
}

/** Why a default does not fit its column, or undefined. `null` means no default. */
export function defaultProblem(column: ColumnDefinition): string | undefined {
  const value = column.default;
  if (value === undefined || value === null) return undefined;
  switch (column.type) {
    case 'string':
      return (
        stringProblem(value) ??
        ((value as string).length > (column.maxLength ?? 255)
          ? `must be at most ${column.maxLength ?? 255} characters`
          : undefined)
      );
    case 'text':
      return stringProblem(value);
    case 'email':
      return stringProblem(value) ?? (EMAIL.test(value as string) ? undefined : 'must be an email address');
    case 'url':
      return stringProblem(value) ?? (isUrl(value as string) ? undefined : 'must be an http or https URL');
    case 'enum':
      return column.values?.includes(value as string) ? undefined : 'must be one of the enum values';
    case 'integer':
      return Number.isInteger(value) && (value as number) >= -INT32 && (value as number) < INT32
        ? undefined
        : 'must be a whole number from -2147483648 to 2147483647';
    case 'bigint': {
      const ok =
        (typeof value === 'number' && Number.isSafeInteger(value)) ||
        (typeof value === 'string' && /^-?\d{1,19}$/.test(value) && BigInt(value) >= -INT64 && BigInt(value) < INT64);
      return ok ? undefined : 'must be a whole number within 64 bits';
    }
    case 'decimal':
      return decimalProblem(value, column);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? undefined : 'must be a date (YYYY-MM-DD)';
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be an ISO 8601 timestamp with a time zone';
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? undefined : 'must be a UUID';
    case 'json':
      return JSON.stringify(value).includes('\\u0000') ? 'must not contain a NUL character' : undefined;
    case 'reference':
      return 'a reference takes no default';
  }
}
