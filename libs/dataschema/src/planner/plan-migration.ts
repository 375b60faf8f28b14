import { isDeepStrictEqual } from 'node:util';
import { SchemaDefinition } from '../definition/schema-definition';
import { sqlType } from '../sql/column-sql-type';
import { Operation } from './operation';
import * as columns from './render-column-operations';
import { TableRef } from './render-column-operations';
import * as constraints from './render-constraint-operations';
import * as tables from './render-table-operations';
import { NameMove, scheduleMoves } from './rename-schedule';
import { ColumnState, IndexState, RetainedItem, schemaState, SchemaState, TableState } from './schema-state';

export interface PlanOptions {
  /** The tenant schema every statement is qualified with. */
  schema: string;
  /** Tables and columns currently set aside; one that `to` holds again is restored with its data. */
  retained?: readonly RetainedItem[];
}

export interface MigrationPlan {
  operations: Operation[];
  /** All up statements in order, and all down statements (operations reversed), as readable scripts. */
  up: string;
  down: string;
}

/** Plans the migration from one valid, id-carrying definition to another. */
export function planMigration(from: SchemaDefinition, to: SchemaDefinition, options: PlanOptions): MigrationPlan {
  const operations = diffStates(schemaState(from), schemaState(to), options);
  return { operations, ...renderScripts(operations) };
}

export function renderScripts(operations: Operation[]): { up: string; down: string } {
  const script = (statements: string[]) => statements.map((s) => `${s};`).join('\n\n');
  return {
    up: script(operations.flatMap((op) => op.up)),
    down: script([...operations].reverse().flatMap((op) => op.down)),
  };
}

/** A table present before and after (or brought back from aside), with its state on both sides. */
interface TablePair {
  before: TableState;
  after: TableState;
  restoredFrom?: string;
}

interface ColumnPair {
  before: ColumnState;
  after: ColumnState;
  restoredFrom?: string;
}

const sameIndex = (a: IndexState, b: IndexState) => a.unique === b.unique && isDeepStrictEqual(a.columns, b.columns);

function indexColumnNames(table: TableState, index: IndexState): string[] {
  return index.columns.map((id) => table.columns.find((c) => c.id === id)?.name ?? id);
}

/**
 * The ordered operations from `from` to `to`. The order keeps every step valid on its own:
 * indexes and foreign keys that go away first, then tables set aside, tables renamed and restored,
 * column constraints loosened, columns set aside, renamed and restored, types changed; then new
 * tables and columns, constraints tightened, foreign keys and indexes added.
 */
export function diffStates(from: SchemaState, to: SchemaState, options: PlanOptions): Operation[] {
  const { schema } = options;
  const retained = options.retained ?? [];
  const ops: Operation[] = [];
  const fromById = new Map(from.tables.map((t) => [t.id, t]));
  const toIds = new Set(to.tables.map((t) => t.id));
  const retainedTables = new Map(
    retained.flatMap((r) => (r.kind === 'table' && !fromById.has(r.id) ? [[r.id, r] as const] : [])),
  );

  const pairs: TablePair[] = [];
  const created: TableState[] = [];
  for (const after of to.tables) {
    const before = fromById.get(after.id);
    const aside = retainedTables.get(after.id);
    if (before) pairs.push({ before, after });
    else if (aside) pairs.push({ before: aside.table, after, restoredFrom: aside.asideName });
    else created.push(after);
  }
  const dropped = from.tables.filter((t) => !toIds.has(t.id));

  /** Every table's name as it stands at this point of the plan. */
  const currentName = new Map<string, string>(from.tables.map((t) => [t.id, t.name]));
  for (const pair of pairs) if (pair.restoredFrom) currentName.set(pair.after.id, pair.restoredFrom);
  const at = (tableId: string): TableRef => ({ schema, table: currentName.get(tableId)!, tableId });
  const nameOf = (tableId: string) => currentName.get(tableId) ?? to.tables.find((t) => t.id === tableId)!.name;

  if (created.length > 0) ops.push(tables.ensureFunctions(schema));

  // Indexes that go away or change.
  for (const { before, after } of pairs) {
    for (const index of before.indexes) {
      const next = after.indexes.find((i) => i.id === index.id);
      if (!next || !sameIndex(index, next)) {
        ops.push(constraints.dropIndex(at(before.id), index, indexColumnNames(before, index)));
      }
    }
  }

  // Foreign keys that go away or change, including every one of a dropped table.
  for (const { before, after } of pairs) {
    for (const column of before.columns.filter((c) => c.references)) {
      const next = after.columns.find((c) => c.id === column.id);
      if (!next || next.references !== column.references || next.onDelete !== column.onDelete) {
        ops.push(constraints.dropReference(at(before.id), column, nameOf(column.references!)));
      }
    }
  }
  for (const table of dropped) {
    for (const column of table.columns.filter((c) => c.references)) {
      ops.push(constraints.dropReference(at(table.id), column, nameOf(column.references!)));
    }
  }

  for (const table of dropped) {
    const op = tables.dropTable(schema, { ...table, name: currentName.get(table.id)! });
    ops.push(op);
    currentName.set(table.id, op.retained!.asideName);
  }

  // Table renames and restores, in an order that never takes a name still in use.
  const tableMoves: NameMove[] = pairs
    .filter((p) => currentName.get(p.after.id) !== p.after.name)
    .map((p) => ({ id: p.after.id, from: currentName.get(p.after.id)!, to: p.after.name, restore: !!p.restoredFrom }));
  const occupiedTables = pairs.filter((p) => !p.restoredFrom).map((p) => p.before.name);
  for (const move of scheduleMoves(tableMoves, occupiedTables)) {
    ops.push(
      move.restore && !move.transient
        ? tables.restoreTable(schema, move.id, move.from, move.to)
        : tables.renameTable(schema, move.id, move.from, move.to),
    );
    currentName.set(move.id, move.to);
  }

  const columnPairs = new Map<string, ColumnPair[]>();
  for (const pair of pairs) columnPairs.set(pair.after.id, loosenAndSetAside(pair, retained, at(pair.after.id), ops));

  for (const pair of pairs) {
    const table = at(pair.after.id);
    for (const { before, after } of columnPairs.get(pair.after.id)!) {
      if (sqlType(before) !== sqlType(after)) ops.push(columns.changeType(table, before, after));
    }
  }

  for (const table of created) ops.push(tables.createTable(schema, table));
  for (const table of created) currentName.set(table.id, table.name);

  for (const { after } of pairs) {
    const known = new Set(columnPairs.get(after.id)!.map((p) => p.after.id));
    for (const column of after.columns.filter((c) => !known.has(c.id))) {
      ops.push(columns.addColumn(at(after.id), column));
    }
  }

  for (const { after } of pairs) {
    for (const pair of columnPairs.get(after.id)!) tighten(at(after.id), pair, ops);
  }

  // Foreign keys, now that every table exists under its final name.
  for (const { after } of pairs) {
    const before = new Map(columnPairs.get(after.id)!.map((p) => [p.after.id, p.before]));
    for (const column of after.columns.filter((c) => c.references)) {
      const old = before.get(column.id);
      if (!old || old.references !== column.references || old.onDelete !== column.onDelete) {
        ops.push(constraints.addReference(at(after.id), column, nameOf(column.references!)));
      }
    }
  }
  for (const table of created) {
    for (const column of table.columns.filter((c) => c.references)) {
      ops.push(constraints.addReference(at(table.id), column, nameOf(column.references!)));
    }
  }

  for (const { before, after } of pairs) {
    for (const index of after.indexes) {
      const old = before.indexes.find((i) => i.id === index.id);
      if (!old || !sameIndex(old, index)) {
        ops.push(constraints.addIndex(at(after.id), index, indexColumnNames(after, index)));
      }
    }
  }
  for (const table of created) {
    for (const index of table.indexes)
      ops.push(constraints.addIndex(at(table.id), index, indexColumnNames(table, index)));
  }

  for (const { before, after } of pairs) {
    if (before.description !== after.description) {
      ops.push(tables.setTableDescription(schema, after, before.description, after.description));
    }
  }
  return ops;
}

/**
 * Within one kept or restored table: loosens the constraints that go away, sets dropped columns
 * aside, then renames and restores columns. Returns the columns present on both sides.
 */
function loosenAndSetAside(
  pair: TablePair,
  retained: readonly RetainedItem[],
  table: TableRef,
  ops: Operation[],
): ColumnPair[] {
  const { before, after } = pair;
  const afterById = new Map(after.columns.map((c) => [c.id, c]));
  const result: ColumnPair[] = [];

  for (const column of before.columns) {
    const next = afterById.get(column.id);
    const typeChanges = next !== undefined && sqlType(column) !== sqlType(next);
    if (column.unique && !next?.unique) ops.push(columns.dropUnique(table, column));
    if (column.values && !next?.values) ops.push(constraints.setEnumValues(table, column, column.values, undefined));
    if (column.default !== undefined && (next?.default === undefined || typeChanges)) {
      ops.push(columns.dropDefault(table, column));
    }
    if (column.required && !next?.required) ops.push(columns.dropRequired(table, column));
    if (next) result.push({ before: column, after: next });
    else ops.push(columns.dropColumn(table, column));
  }

  const beforeIds = new Set(before.columns.map((c) => c.id));
  for (const item of retained) {
    if (item.kind !== 'column' || item.tableId !== after.id || beforeIds.has(item.id)) continue;
    const next = afterById.get(item.id);
    if (next) result.push({ before: item.column, after: next, restoredFrom: item.asideName });
  }

  const moves: NameMove[] = result
    .filter((p) => p.before.name !== p.after.name)
    .map((p) => ({ id: p.after.id, from: p.before.name, to: p.after.name, restore: !!p.restoredFrom }));
  const occupied = result.filter((p) => !p.restoredFrom).map((p) => p.before.name);
  for (const move of scheduleMoves(moves, occupied)) {
    ops.push(
      move.restore && !move.transient
        ? columns.restoreColumn(table, move.id, move.from, move.to)
        : columns.renameColumn(table, move.id, move.from, move.to),
    );
  }
  return result;
}

/** The constraints a kept or restored column gains or changes, after its type is final. */
function tighten(table: TableRef, { before, after }: ColumnPair, ops: Operation[]): void {
  const typeChanged = sqlType(before) !== sqlType(after);
  const defaultBefore = typeChanged ? undefined : before.default;
  if (after.default !== undefined && !isDeepStrictEqual(defaultBefore, after.default)) {
    ops.push(columns.setDefault(table, defaultBefore, after));
  }
  if (after.required && !before.required) ops.push(columns.setRequired(table, after));
  if (after.unique && !before.unique) ops.push(columns.setUnique(table, after));
  if (after.values && !isDeepStrictEqual(before.values, after.values)) {
    ops.push(constraints.setEnumValues(table, after, before.values, after.values));
  }
  if (before.description !== after.description) {
    ops.push(columns.setColumnDescription(table, after, before.description, after.description));
  }
}
