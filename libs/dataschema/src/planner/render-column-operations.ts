import { quoteIdent } from '@app/core';
import { castExpression, conversion, sqlType } from '../sql/column-sql-type';
import { columnClause, commentLiteral, defaultLiteral, qualify } from '../sql/ddl-parts';
import { derivedNames } from '../sql/derived-names';
import { Operation, OperationKind } from './operation';
import {
  anyRowPrecheck,
  conversionPrecheck,
  duplicatesPrecheck,
  nullsPrecheck,
  sharedDefaultPrecheck,
} from './prechecks';
import { bareColumn, ColumnState } from './schema-state';

/** Where a column operation runs: the schema, the table's current name and id. */
export interface TableRef {
  schema: string;
  table: string;
  tableId: string;
}

function columnOperation(
  at: TableRef,
  column: Pick<ColumnState, 'id' | 'name'>,
  kind: OperationKind,
  summary: string,
  up: string[],
  down: string[],
): Operation {
  return { kind, table: at.table, tableId: at.tableId, column: column.name, columnId: column.id, summary, up, down };
}

const alterTable = (at: TableRef) => `ALTER TABLE ${qualify(at.schema, at.table)}`;
const alterColumn = (at: TableRef, name: string) => `${alterTable(at)} ALTER COLUMN ${quoteIdent(name)}`;
const renameColumnStatement = (at: TableRef, from: string, to: string) =>
  `${alterTable(at)} RENAME COLUMN ${quoteIdent(from)} TO ${quoteIdent(to)}`;
export const uniqueIndexStatement = (at: TableRef, column: ColumnState) =>
  `CREATE UNIQUE INDEX ${quoteIdent(derivedNames.uniqueIndex(column.id))} ON ${qualify(at.schema, at.table)} (${quoteIdent(column.name)})`;
const dropIndexStatement = (at: TableRef, index: string) => `DROP INDEX ${qualify(at.schema, index)}`;
const commentStatement = (at: TableRef, column: string, text: string | undefined) =>
  `COMMENT ON COLUMN ${qualify(at.schema, at.table)}.${quoteIdent(column)} IS ${commentLiteral(text)}`;

export function addColumn(at: TableRef, column: ColumnState): Operation {
  const up = [`${alterTable(at)} ADD COLUMN ${columnClause(column)}`];
  if (column.unique) up.push(uniqueIndexStatement(at, column));
  if (column.description !== undefined) up.push(commentStatement(at, column.name, column.description));
  const op = columnOperation(at, column, 'addColumn', `add column ${at.table}.${column.name}`, up, [
    `${alterTable(at)} DROP COLUMN ${quoteIdent(column.name)}`,
  ]);
  if (column.required && column.default === undefined) op.precheck = anyRowPrecheck(at.schema, at.table);
  else if (column.unique && column.default !== undefined) op.precheck = sharedDefaultPrecheck(at.schema, at.table);
  return op;
}

/** A drop keeps the column and its values under a reserved name; its constraints are dropped first. */
export function dropColumn(at: TableRef, column: ColumnState): Operation {
  const asideName = derivedNames.setAside(column.id);
  return {
    ...columnOperation(
      at,
      column,
      'dropColumn',
      `drop column ${at.table}.${column.name} (kept aside as ${asideName} until purged)`,
      [renameColumnStatement(at, column.name, asideName)],
      [renameColumnStatement(at, asideName, column.name)],
    ),
    retained: { kind: 'column', id: column.id, tableId: at.tableId, asideName, column: bareColumn(column, asideName) },
  };
}

export function restoreColumn(at: TableRef, columnId: string, asideName: string, name: string): Operation {
  return columnOperation(
    at,
    { id: columnId, name },
    'restoreColumn',
    `restore column ${at.table}.${name} with its values`,
    [renameColumnStatement(at, asideName, name)],
    [renameColumnStatement(at, name, asideName)],
  );
}

export function renameColumn(at: TableRef, columnId: string, from: string, to: string): Operation {
  return columnOperation(
    at,
    { id: columnId, name: from },
    'renameColumn',
    `rename column ${at.table}.${from} to ${to}`,
    [renameColumnStatement(at, from, to)],
    [renameColumnStatement(at, to, from)],
  );
}

/** Conversions that cannot fail nor change a value need no precheck. */
function isWidening(before: ColumnState, after: ColumnState): boolean {
  const from = sqlType(before);
  const to = sqlType(after);
  if (to === 'text') return true;
  if (from === 'integer' && (to === 'bigint' || to === 'numeric' || to === 'double precision')) return true;
  if (from === 'bigint' && to === 'numeric') return true;
  if (before.type === 'string' && after.type === 'string') return (after.maxLength ?? 255) >= (before.maxLength ?? 255);
  return from === 'date' && to === 'timestamptz';
}

/** A type change with an explicit cast; values that would not survive it refuse the migration. */
export function changeType(at: TableRef, before: ColumnState, after: ColumnState): Operation {
  const name = quoteIdent(after.name);
  const forward = conversion(before, after);
  const backward = conversion(after, before);
  const op = columnOperation(
    at,
    after,
    'changeType',
    `change type of ${at.table}.${after.name} from ${forward.from} to ${forward.to}`,
    [`${alterColumn(at, after.name)} TYPE ${forward.to} USING ${castExpression(name, forward)}`],
    [`${alterColumn(at, after.name)} TYPE ${backward.to} USING ${castExpression(name, backward)}`],
  );
  if (!isWidening(before, after)) op.precheck = conversionPrecheck(at.schema, at.table, after.name, forward);
  return op;
}

/** With a default, NULLs are filled with it first; without one, any NULL refuses the migration. */
export function setRequired(at: TableRef, column: ColumnState): Operation {
  const up = [`${alterColumn(at, column.name)} SET NOT NULL`];
  if (column.default !== undefined) {
    up.unshift(
      `UPDATE ${qualify(at.schema, at.table)} SET ${quoteIdent(column.name)} = ${defaultLiteral(column, column.default)} ` +
        `WHERE ${quoteIdent(column.name)} IS NULL`,
    );
  }
  const op = columnOperation(at, column, 'setRequired', `make ${at.table}.${column.name} required`, up, [
    `${alterColumn(at, column.name)} DROP NOT NULL`,
  ]);
  if (column.default === undefined) op.precheck = nullsPrecheck(at.schema, at.table, column.name);
  return op;
}

export function dropRequired(at: TableRef, column: ColumnState): Operation {
  return columnOperation(
    at,
    column,
    'dropRequired',
    `make ${at.table}.${column.name} optional`,
    [`${alterColumn(at, column.name)} DROP NOT NULL`],
    [`${alterColumn(at, column.name)} SET NOT NULL`],
  );
}

export function setDefault(at: TableRef, before: ColumnState['default'], column: ColumnState): Operation {
  if (column.default === undefined) throw new Error('setDefault needs a default');
  return columnOperation(
    at,
    column,
    'setDefault',
    `set the default of ${at.table}.${column.name}`,
    [`${alterColumn(at, column.name)} SET DEFAULT ${defaultLiteral(column, column.default)}`],
    [
      before === undefined
        ? `${alterColumn(at, column.name)} DROP DEFAULT`
        : `${alterColumn(at, column.name)} SET DEFAULT ${defaultLiteral(column, before)}`,
    ],
  );
}

export function dropDefault(at: TableRef, column: ColumnState): Operation {
  if (column.default === undefined) throw new Error('dropDefault needs the default it drops');
  return columnOperation(
    at,
    column,
    'dropDefault',
    `drop the default of ${at.table}.${column.name}`,
    [`${alterColumn(at, column.name)} DROP DEFAULT`],
    [`${alterColumn(at, column.name)} SET DEFAULT ${defaultLiteral(column, column.default)}`],
  );
}

export function setColumnDescription(
  at: TableRef,
  column: ColumnState,
  before: string | undefined,
  after: string | undefined,
): Operation {
  return columnOperation(
    at,
    column,
    'setColumnDescription',
    `describe column ${at.table}.${column.name}`,
    [commentStatement(at, column.name, after)],
    [commentStatement(at, column.name, before)],
  );
}

export function setUnique(at: TableRef, column: ColumnState): Operation {
  return {
    ...columnOperation(
      at,
      column,
      'setUnique',
      `make ${at.table}.${column.name} unique`,
      [uniqueIndexStatement(at, column)],
      [dropIndexStatement(at, derivedNames.uniqueIndex(column.id))],
    ),
    precheck: duplicatesPrecheck(at.schema, at.table, [column.name]),
  };
}

export function dropUnique(at: TableRef, column: ColumnState): Operation {
  return columnOperation(
    at,
    column,
    'dropUnique',
    `let ${at.table}.${column.name} hold duplicates`,
    [dropIndexStatement(at, derivedNames.uniqueIndex(column.id))],
    [uniqueIndexStatement(at, column)],
  );
}
