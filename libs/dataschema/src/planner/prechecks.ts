import { quoteIdent } from '@app/core';
import { Conversion } from '../sql/column-sql-type';
import { quoteLiteral } from '../sql/ddl-literal';
import { qualify } from '../sql/ddl-parts';
import { Precheck } from './operation';

export const PRECHECK_SAMPLE_SIZE = 5;

/** The rows of `table` matching `where`: how many, and the first few with `value`. */
function offendingRows(schema: string, table: string, value: string, where: string, problem: string): Precheck {
  return {
    sql:
      `SELECT count(*) OVER () AS total, "id"::text AS id, ${value} AS value FROM ${qualify(schema, table)} ` +
      `WHERE ${where} ORDER BY "id" LIMIT ${PRECHECK_SAMPLE_SIZE}`,
    problem,
  };
}

/**
 * Created by the runner in the session's temporary schema (nothing is left in the tenant schema):
 * whether one stored value survives a type change. PostgreSQL 15 has no pg_input_is_valid, and a
 * cast that fails inside a plain query would abort it, so each value is tried in its own block.
 */
export const CONVERSION_CHECK_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.strata_converts(
  value text, from_type text, to_type text, via_text boolean, exact boolean) RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
  converted text := CASE WHEN via_text THEN format('($1::%s)::text::%s', from_type, to_type)
                         ELSE format('($1::%s)::%s', from_type, to_type) END;
  same boolean;
BEGIN
  IF exact THEN
    EXECUTE format('SELECT (%s)::%s = $1::%s', converted, from_type, from_type) INTO same USING value;
    RETURN coalesce(same, false);
  END IF;
  EXECUTE format('SELECT %s', converted) USING value;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$fn$`;

export function conversionPrecheck(schema: string, table: string, column: string, c: Conversion): Precheck {
  const col = quoteIdent(column);
  const args = [`${col}::text`, quoteLiteral(c.from), quoteLiteral(c.to), String(c.viaText), String(c.exact)];
  return {
    ...offendingRows(
      schema,
      table,
      `${col}::text`,
      `${col} IS NOT NULL AND NOT pg_temp.strata_converts(${args.join(', ')})`,
      c.exact ? `cannot be converted to ${c.to} without changing the value` : `cannot be converted to ${c.to}`,
    ),
    usesConversionCheck: true,
  };
}

export function nullsPrecheck(schema: string, table: string, column: string): Precheck {
  return offendingRows(
    schema,
    table,
    'NULL::text',
    `${quoteIdent(column)} IS NULL`,
    'hold no value (NULL); give a default',
  );
}

/** A required column without a default cannot be added to a table that holds rows. */
export function anyRowPrecheck(schema: string, table: string): Precheck {
  return offendingRows(schema, table, 'NULL::text', 'TRUE', 'exist, and a new required column needs a default');
}

/** A new unique column with a default would give every existing row the same value. */
export function sharedDefaultPrecheck(schema: string, table: string): Precheck {
  return offendingRows(
    schema,
    table,
    'NULL::text',
    `(SELECT count(*) FROM ${qualify(schema, table)}) > 1`,
    'would all take the same default, which a unique column refuses',
  );
}

export function duplicatesPrecheck(schema: string, table: string, columns: string[]): Precheck {
  const list = columns.map(quoteIdent).join(', ');
  const tuple = columns.length === 1 ? list : `(${list})`;
  const value = columns.length === 1 ? `${list}::text` : `ROW(${list})::text`;
  return offendingRows(
    schema,
    table,
    value,
    `${tuple} IN (SELECT ${list} FROM ${qualify(schema, table)} GROUP BY ${list} HAVING count(*) > 1)`,
    'hold duplicate values',
  );
}

export function enumPrecheck(schema: string, table: string, column: string, values: string[]): Precheck {
  const col = quoteIdent(column);
  return offendingRows(
    schema,
    table,
    `${col}::text`,
    `${col} IS NOT NULL AND ${col}::text NOT IN (${values.map(quoteLiteral).join(', ')})`,
    'hold a value that is not one of the enum values',
  );
}

export function orphansPrecheck(schema: string, table: string, column: string, target: string): Precheck {
  const col = `${qualify(schema, table)}.${quoteIdent(column)}`;
  return offendingRows(
    schema,
    table,
    `${col}::text`,
    `${col} IS NOT NULL AND NOT EXISTS (SELECT FROM ${qualify(schema, target)} AS target WHERE target."id" = ${col})`,
    `point at no row of ${target}`,
  );
}
