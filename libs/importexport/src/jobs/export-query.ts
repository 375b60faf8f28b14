import { SqlQuery } from '@app/core';
import {
  compileRecordTable,
  ListQuery,
  outputExpression,
  parseListQuery,
  RecordColumn,
  SchemaDefinition,
  whereClause,
  whereConditions,
} from '@app/dataschema';
import { BinaryCell } from '../encode/binary-copy-csv';

const TEXT = new Set(['string', 'text', 'email', 'url', 'enum']);

export interface ExportRequest {
  table: string;
  filter: Record<string, unknown> | null;
  sort: string | null;
  fields: string | null;
}

/** The export's list query: filter, sort and fields checked as in record lists (a 400 names the problem). */
export function exportListQuery(schema: string, definition: SchemaDefinition, request: ExportRequest): ListQuery {
  const tables = new Map(definition.tables.map((t) => [t.name, compileRecordTable(schema, t)]));
  const table = tables.get(request.table);
  if (!table) throw new Error(`The table "${request.table}" does not exist`);
  const raw: Record<string, unknown> = {};
  if (request.filter) raw.filter = stringified(request.filter);
  if (request.sort) raw.sort = request.sort;
  if (request.fields) raw.fields = request.fields;
  return parseListQuery(table, raw, tables);
}

/** Filter values as a query string carries them (text), so the list parser reads them the same way. */
function stringified(filter: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, ops] of Object.entries(filter)) {
    if (ops === null || typeof ops !== 'object' || Array.isArray(ops)) out[column] = ops;
    else
      out[column] = Object.fromEntries(
        Object.entries(ops as Record<string, unknown>).map(([op, v]) => [
          op,
          Array.isArray(v) ? v.join(',') : String(v),
        ]),
      );
  }
  return out;
}

/**
 * The export's SELECT with every value inlined as a quoted literal, because `COPY (SELECT ...)`
 * takes no parameters. Text columns are neutralized in SQL when asked: a leading `=`, `+`, `-`,
 * `@`, tab or carriage return gets a `'` prefix (`enumValues`, the values of enum columns by name,
 * spare the columns whose values cannot).
 */
export function exportSelect(
  query: ListQuery,
  neutralize: boolean,
  enumValues?: ReadonlyMap<string, readonly string[]>,
): string {
  const columns = query.fields.map((c) => `${cellExpression(c, neutralize, enumValues?.get(c.name))} AS ${c.quoted}`);
  const where = whereClause(whereConditions(query.table, query));
  const order = query.sort.map((t) => `t.${t.column.quoted} ${t.descending ? 'DESC' : 'ASC'}`).join(', ');
  return `SELECT ${columns.join(', ')} FROM ${query.table.qualified} t${inline(where)} ORDER BY ${order}`;
}

/**
 * The export's SELECT for `COPY ... (FORMAT binary)` and how each of its columns arrives
 * (`BinaryCopyToCsv` writes the CSV): timestamps, booleans and floats in binary form, to be
 * written as the records API shows them, everything else as text. No `to_char` and no
 * neutralizing `CASE`: PostgreSQL only reads and sends the values.
 */
export function exportBinarySelect(query: ListQuery, neutralize: boolean): { select: string; cells: BinaryCell[] } {
  const cells = query.fields.map((c) => binaryCell(c, neutralize));
  const columns = query.fields.map((c) => `${binaryExpression(c, `t.${c.quoted}`)} AS ${c.quoted}`);
  const where = whereClause(whereConditions(query.table, query));
  const order = query.sort.map((t) => `t.${t.column.quoted} ${t.descending ? 'DESC' : 'ASC'}`).join(', ');
  return {
    select: `SELECT ${columns.join(', ')} FROM ${query.table.qualified} t${inline(where)} ORDER BY ${order}`,
    cells,
  };
}

function binaryCell(column: RecordColumn, neutralize: boolean): BinaryCell {
  switch (column.type) {
    case 'timestamp':
    case 'boolean':
    case 'float':
    case 'json':
      return { kind: column.type };
    case 'integer':
    case 'bigint':
    case 'decimal':
    case 'date':
    case 'uuid':
    case 'reference':
      return { kind: 'plain' };
    default:
      return { kind: 'text', neutralize: neutralize && TEXT.has(column.type) };
  }
}

function binaryExpression(column: RecordColumn, expr: string): string {
  switch (column.type) {
    case 'timestamp':
      return `(${expr})::timestamptz`;
    case 'boolean':
      return expr;
    case 'float':
      return `(${expr})::float8`;
    default:
      return `(${expr})::text`;
  }
}

/** The characters a spreadsheet takes for the start of a formula. */
const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];

function cellExpression(column: RecordColumn, neutralize: boolean, values?: readonly string[]): string {
  const expr = outputExpression(column, `t.${column.quoted}`);
  if (!neutralize || !TEXT.has(column.type)) return expr;
  // an enum column holds only its values: when none starts a formula, no cell needs looking at
  if (column.type === 'enum' && values && !values.some((v) => FORMULA_START.includes(v.charAt(0)))) return expr;
  // the first character's code: = + - @ tab CR (a comparison of numbers, not a regular expression per cell)
  return `CASE WHEN ascii(${expr}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${expr} ELSE ${expr} END`;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function valueLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number' || typeof value === 'bigint') return literal(String(value));
  if (value instanceof Date) return literal(value.toISOString());
  if (Array.isArray(value))
    return literal(
      `{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`,
    );
  if (typeof value === 'object') return literal(JSON.stringify(value));
  return literal(String(value));
}

/** Replaces `$n` placeholders by literals (the text holds no other `$`: names are validated). */
export function inline(q: SqlQuery): string {
  return q.text.replace(/\$(\d+)/g, (_, n: string) => valueLiteral(q.values[Number(n) - 1]));
}
