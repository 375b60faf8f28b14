import { JsonValue } from '../definition/schema-definition';

/**
 * The one way a value is inlined into DDL (defaults, enum checks, comments), where PostgreSQL
 * takes no parameters. Like PostgreSQL's quote_literal: quotes are doubled and, when the text
 * holds a backslash, the E'' form with doubled backslashes is used, so the result means the same
 * whatever `standard_conforming_strings` is.
 */
export function quoteLiteral(text: string): string {
  if (text.includes('\u0000')) throw new Error('A literal cannot contain a NUL character');
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return text.includes('\\') ? `E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/** A finite JavaScript number as a SQL numeric literal; anything else is refused. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  const text = String(value);
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) throw new Error(`${text} is not a plain number`);
  return value < 0 ? `(${text})` : text;
}

/** A JSON value as a DDL literal: strings and JSON documents quoted, numbers and booleans bare. */
export function valueLiteral(value: JsonValue, asJson = false): string {
  if (asJson) return `${quoteLiteral(JSON.stringify(value))}::jsonb`;
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return quoteLiteral(value);
  return quoteLiteral(JSON.stringify(value));
}
