import { raw, SqlRaw } from '@app/core';
import { outputExpression } from '../records/record-output';
import { RecordTable } from '../records/record-table';

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
