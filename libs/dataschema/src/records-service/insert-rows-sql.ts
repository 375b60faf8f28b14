import { join, raw, sql, SqlQuery } from '@app/core';
import { RecordColumn, RecordTable } from '../records/record-table';
import { statementParts } from './record-statements';

/** The values an INSERT of rows takes: one array per column, the actor, how many rows (no columns named). */
export interface InsertRowsValues {
  column: (column: RecordColumn) => unknown;
  actor: unknown;
  count: unknown;
}

/**
 * `INSERT ... RETURNING` (output form) of rows that name the same `columns`: one array per column
 * through `unnest`, so a thousand records cost one round trip and come back in the order given.
 */
export function insertRows(table: RecordTable, columns: readonly string[], values: InsertRowsValues): SqlQuery {
  const { target, output } = statementParts(table);
  const compiled = columns.map((name) => table.columns.get(name)!);
  const names = raw([...compiled.map((c) => c.quoted), '"created_by"', '"updated_by"'].join(', '));
  const source =
    compiled.length === 0
      ? sql`SELECT ${values.actor}::uuid, ${values.actor}::uuid FROM generate_series(1, ${values.count}::int)`
      : sql`SELECT u.*, ${values.actor}::uuid, ${values.actor}::uuid FROM unnest(${join(
          compiled.map((c) => sql`${values.column(c)}::${raw(c.sqlType)}[]`),
        )}) AS u`;
  return sql`INSERT INTO ${target} (${names}) ${source} RETURNING ${output}`;
}
