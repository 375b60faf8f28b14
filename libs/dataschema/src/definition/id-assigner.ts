import { RetainedItem } from '../planner/schema-state';
import { newId } from './schema-ids';
import { ColumnDefinition, IndexDefinition, SchemaDefinition, TableDefinition } from './schema-definition';

/** The ids a tenant already has: tables, and per table id its columns and indexes (live and set aside). */
interface KnownIds {
  tables: Map<string, { name: string }>;
  columns: Map<string, { tableId: string; name: string }>;
  indexes: Map<string, { tableId: string; key: string }>;
}

function knownIds(previous: SchemaDefinition, retained: readonly RetainedItem[]): KnownIds {
  const known: KnownIds = { tables: new Map(), columns: new Map(), indexes: new Map() };
  for (const table of previous.tables) {
    if (!table.id) continue;
    known.tables.set(table.id, { name: table.name });
    for (const column of table.columns)
      if (column.id) known.columns.set(column.id, { tableId: table.id, name: column.name });
    for (const index of table.indexes ?? []) {
      if (index.id) known.indexes.set(index.id, { tableId: table.id, key: indexKey(table, index) });
    }
  }
  for (const item of retained) {
    if (item.kind === 'table') {
      known.tables.set(item.id, { name: '' });
      for (const column of item.table.columns) known.columns.set(column.id, { tableId: item.id, name: '' });
    } else known.columns.set(item.id, { tableId: item.tableId, name: '' });
  }
  return known;
}

/** An index as its columns' ids (names when unknown) and uniqueness: how an id-less index is recognised. */
function indexKey(table: TableDefinition, index: IndexDefinition): string {
  const ids = index.columns.map((name) => table.columns.find((c) => c.name === name)?.id ?? name);
  return JSON.stringify([ids, index.unique === true]);
}

/**
 * Gives every table, column and index of a valid definition its stable id. An id the tenant
 * already has (live or set aside, on the same table) is kept; an item without one takes the id of
 * the item of the same name (same columns, for an index) in `previous`; anything else (no id, an
 * unknown id, an id repeated) gets a new one. So a name change under a kept id is a rename, and a
 * definition sent without ids keeps the ids of the names it shares with the current one.
 */
export function assignIds(
  definition: SchemaDefinition,
  previous: SchemaDefinition,
  retained: readonly RetainedItem[] = [],
): SchemaDefinition {
  const known = knownIds(previous, retained);
  const used = new Set<string>();
  const claim = (id: string) => (used.add(id), id);
  const fresh = (kind: 't' | 'c' | 'i') => {
    let id = newId(kind);
    while (used.has(id) || known.tables.has(id) || known.columns.has(id) || known.indexes.has(id)) id = newId(kind);
    return claim(id);
  };

  const tableIds = definition.tables.map((table) =>
    table.id && known.tables.has(table.id) && !used.has(table.id) ? claim(table.id) : undefined,
  );
  const tables = definition.tables.map((table, i) => {
    const byName = previous.tables.find((t) => t.name === table.name && t.id && !used.has(t.id));
    const id = tableIds[i] ?? (byName ? claim(byName.id!) : fresh('t'));
    const before = previous.tables.find((t) => t.id === id);
    const columns = assignColumnIds(table.columns, id, before, known, used, claim, fresh);
    const withIds: TableDefinition = { ...table, id, columns };
    if (table.indexes) withIds.indexes = assignIndexIds(withIds, table.indexes, id, known, used, claim, fresh);
    return withIds;
  });
  return { ...definition, tables };
}

function assignColumnIds(
  columns: ColumnDefinition[],
  tableId: string,
  before: TableDefinition | undefined,
  known: KnownIds,
  used: Set<string>,
  claim: (id: string) => string,
  fresh: (kind: 'c') => string,
): ColumnDefinition[] {
  const kept = columns.map((c) =>
    c.id && known.columns.get(c.id)?.tableId === tableId && !used.has(c.id) ? claim(c.id) : undefined,
  );
  return columns.map((column, j) => {
    const byName = before?.columns.find((c) => c.name === column.name && c.id && !used.has(c.id));
    return { ...column, id: kept[j] ?? (byName ? claim(byName.id!) : fresh('c')) };
  });
}

function assignIndexIds(
  table: TableDefinition,
  indexes: IndexDefinition[],
  tableId: string,
  known: KnownIds,
  used: Set<string>,
  claim: (id: string) => string,
  fresh: (kind: 'i') => string,
): IndexDefinition[] {
  const kept = indexes.map((index) =>
    index.id && known.indexes.get(index.id)?.tableId === tableId && !used.has(index.id) ? claim(index.id) : undefined,
  );
  return indexes.map((index, k) => {
    if (kept[k]) return { ...index, id: kept[k] };
    const key = indexKey(table, index);
    const match = [...known.indexes].find(([id, v]) => v.tableId === tableId && v.key === key && !used.has(id));
    return { ...index, id: match ? claim(match[0]) : fresh('i') };
  });
}
