import { quoteIdent } from '@app/core';
import { columnList, enumCheckClause, onDeleteClause, qualify } from '../sql/ddl-parts';
import { derivedNames } from '../sql/derived-names';
import { Operation } from './operation';
import { duplicatesPrecheck, enumPrecheck, orphansPrecheck } from './prechecks';
import { TableRef } from './render-column-operations';
import { ColumnState, IndexState } from './schema-state';

const alterTable = (at: TableRef) => `ALTER TABLE ${qualify(at.schema, at.table)}`;

/** Replaces the enum CHECK of a column (either side may be none); values outside the new list refuse it. */
export function setEnumValues(
  at: TableRef,
  column: ColumnState,
  before: string[] | undefined,
  after: string[] | undefined,
): Operation {
  const drop = `${alterTable(at)} DROP CONSTRAINT ${quoteIdent(derivedNames.enumCheck(column.id))}`;
  const add = (values: string[]) => `${alterTable(at)} ADD ${enumCheckClause(column, values)}`;
  const op: Operation = {
    kind: 'setEnumValues',
    table: at.table,
    tableId: at.tableId,
    column: column.name,
    columnId: column.id,
    summary: after
      ? `allow ${at.table}.${column.name} the values ${after.join(', ')}`
      : `drop the enum check of ${at.table}.${column.name}`,
    up: [...(before ? [drop] : []), ...(after ? [add(after)] : [])],
    down: [...(after ? [drop] : []), ...(before ? [add(before)] : [])],
  };
  if (after) op.precheck = enumPrecheck(at.schema, at.table, column.name, after);
  return op;
}

/** Foreign key and its index. The target is named as it is when the operation runs. */
function referenceStatements(at: TableRef, column: ColumnState, target: string) {
  const fkey = quoteIdent(derivedNames.foreignKey(column.id));
  const index = derivedNames.referenceIndex(column.id);
  return {
    add: [
      `${alterTable(at)} ADD CONSTRAINT ${fkey} FOREIGN KEY (${quoteIdent(column.name)}) ` +
        `REFERENCES ${qualify(at.schema, target)} ("id") ON DELETE ${onDeleteClause(column.onDelete)}`,
      `CREATE INDEX ${quoteIdent(index)} ON ${qualify(at.schema, at.table)} (${quoteIdent(column.name)})`,
    ],
    drop: [`DROP INDEX ${qualify(at.schema, index)}`, `${alterTable(at)} DROP CONSTRAINT ${fkey}`],
  };
}

export function addReference(at: TableRef, column: ColumnState, target: string): Operation {
  const { add, drop } = referenceStatements(at, column, target);
  return {
    kind: 'addReference',
    table: at.table,
    tableId: at.tableId,
    column: column.name,
    columnId: column.id,
    summary: `make ${at.table}.${column.name} reference ${target} (on delete ${column.onDelete ?? 'restrict'})`,
    up: add,
    down: drop,
    precheck: orphansPrecheck(at.schema, at.table, column.name, target),
  };
}

export function dropReference(at: TableRef, column: ColumnState, target: string): Operation {
  const { add, drop } = referenceStatements(at, column, target);
  return {
    kind: 'dropReference',
    table: at.table,
    tableId: at.tableId,
    column: column.name,
    columnId: column.id,
    summary: `drop the reference from ${at.table}.${column.name} to ${target}`,
    up: drop,
    down: add,
  };
}

function indexStatements(at: TableRef, index: IndexState, columnNames: string[]) {
  const name = derivedNames.index(index.id);
  return {
    add: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(name)} ON ${qualify(at.schema, at.table)} (${columnList(columnNames)})`,
    drop: `DROP INDEX ${qualify(at.schema, name)}`,
  };
}

export function addIndex(at: TableRef, index: IndexState, columnNames: string[]): Operation {
  const { add, drop } = indexStatements(at, index, columnNames);
  const op: Operation = {
    kind: 'addIndex',
    table: at.table,
    tableId: at.tableId,
    indexId: index.id,
    summary: `add ${index.unique ? 'unique ' : ''}index on ${at.table} (${columnNames.join(', ')})`,
    up: [add],
    down: [drop],
  };
  if (index.unique) op.precheck = duplicatesPrecheck(at.schema, at.table, columnNames);
  return op;
}

export function dropIndex(at: TableRef, index: IndexState, columnNames: string[]): Operation {
  const { add, drop } = indexStatements(at, index, columnNames);
  return {
    kind: 'dropIndex',
    table: at.table,
    tableId: at.tableId,
    indexId: index.id,
    summary: `drop ${index.unique ? 'unique ' : ''}index on ${at.table} (${columnNames.join(', ')})`,
    up: [drop],
    down: [add],
  };
}
