import { quoteIdent } from '@app/core';
import { qualify } from '../sql/ddl-parts';
import { Operation } from './operation';
import { RetainedItem } from './schema-state';

/** What is set aside once `operations` have been applied: drops add items, restores take them back. */
export function nextRetained(retained: readonly RetainedItem[], operations: readonly Operation[]): RetainedItem[] {
  let items = [...retained];
  for (const op of operations) {
    if (op.retained) items.push(op.retained);
    if (op.kind === 'restoreTable') items = items.filter((i) => !(i.kind === 'table' && i.id === op.tableId));
    if (op.kind === 'restoreColumn') items = items.filter((i) => !(i.kind === 'column' && i.id === op.columnId));
  }
  return items;
}

/**
 * The statement that destroys a set-aside item for good. A column lives in its table, whose name
 * the caller gives (the live name, or the table's own aside name when the table is set aside too).
 * Purging a table also purges the columns set aside inside it: drop those items from the list.
 */
export function purgeStatement(schema: string, item: RetainedItem, tableName?: string): string {
  if (item.kind === 'table') return `DROP TABLE ${qualify(schema, item.asideName)}`;
  if (!tableName) throw new Error('purging a column needs the name of its table');
  return `ALTER TABLE ${qualify(schema, tableName)} DROP COLUMN ${quoteIdent(item.asideName)}`;
}
