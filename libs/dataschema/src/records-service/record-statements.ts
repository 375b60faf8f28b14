import { raw, sql, SqlQuery, SqlRaw } from '@app/core';
import { outputExpression } from '../records/record-output';
import { RecordTable, tableStatement } from '../records/record-table';

/** The fixed SQL text of one compiled table's record statements, built once per table. */
export interface RecordStatementParts {
  /** `"schema"."table" AS t`. */
  target: SqlRaw;
  /** Every column in output form under its name, for SELECT and RETURNING over alias `t`. */
  output: SqlRaw;
}

const built = new WeakMap<RecordTable, RecordStatementParts>();

/** The parts of `table`'s statements; a compiled table lives as long as its version is cached, and so do they. */
export function statementParts(table: RecordTable): RecordStatementParts {
  let parts = built.get(table);
  if (!parts) {
    parts = {
      target: raw(`${table.qualified} AS t`),
      output: raw(table.ordered.map((c) => `${outputExpression(c, `t.${c.quoted}`)} AS ${c.quoted}`).join(', ')),
    };
    built.set(table, parts);
  }
  return parts;
}

/** A table's select of one record by id, without and with the row lock, once each is first used. */
interface SelectsById {
  plain?: SqlQuery;
  forUpdate?: SqlQuery;
}

const selects = new WeakMap<RecordTable, SelectsById>();

/**
 * `SELECT <output> FROM <target> WHERE t."id" = $1` (`FOR UPDATE` with `lock`), prepared as
 * `tableStatement` names it, with `id` for `$1`. The text and its statement name are made on the
 * table's first such read, not on every one: a get by id is the hottest read there is.
 */
export function selectById(table: RecordTable, id: string, lock: boolean): SqlQuery {
  let built = selects.get(table);
  if (!built) selects.set(table, (built = {}));
  const statement = lock ? (built.forUpdate ??= byId(table, ' FOR UPDATE')) : (built.plain ??= byId(table, ''));
  return statement.withValues([id]);
}

function byId(table: RecordTable, lock: string): SqlQuery {
  const { target, output } = statementParts(table);
  return tableStatement(table, sql`SELECT ${output} FROM ${target} WHERE t."id" = ${null}${raw(lock)}`);
}
