import { ColumnDefinition, SchemaDefinition, TableDefinition } from './definition';

/** A table or column set aside by a drop, with the rows it holds (GET /schema/retained). */
export interface RetainedItem {
  id: string;
  rows: number;
}

export interface ComingBack {
  kind: 'table' | 'column';
  table: string;
  column?: string;
  /** Rows kept aside since the drop; null when nothing was kept (it comes back empty); undefined when unknown. */
  rows: number | null | undefined;
}

export interface GoingAway {
  kind: 'table' | 'column';
  table: string;
  column?: string;
}

export interface Renamed {
  kind: 'table' | 'column';
  from: string;
  to: string;
  table?: string;
}

export interface RollbackSummary {
  comesBack: ComingBack[];
  goesAway: GoingAway[];
  renamed: Renamed[];
  /** Columns whose type or options return to what they were: `table.column`. */
  changed: string[];
}

const byId = <T extends { id?: string; name: string }>(items: T[]) =>
  new Map(items.map((item) => [item.id ?? `name:${item.name}`, item]));

const sameColumn = (a: ColumnDefinition, b: ColumnDefinition) =>
  JSON.stringify({ ...a, name: '', description: '' }) === JSON.stringify({ ...b, name: '', description: '' });

/**
 * What rolling back from `current` to `target` does, in the schema's own terms (ids tell a rename
 * from a drop): tables and columns that come back (with the rows kept aside for them), those that
 * go away (set aside in turn), renames, and columns whose definition returns to an earlier one.
 */
export function rollbackSummary(
  current: SchemaDefinition,
  target: SchemaDefinition,
  /** What is kept aside now; null when it could not be read (the rows are then not counted). */
  retained: readonly RetainedItem[] | null,
): RollbackSummary {
  const rowsOf = (id: string | undefined) =>
    retained === null ? undefined : (retained.find((item) => item.id === id)?.rows ?? null);
  const summary: RollbackSummary = { comesBack: [], goesAway: [], renamed: [], changed: [] };
  const now = byId(current.tables);
  const then = byId(target.tables);

  for (const [id, table] of then) {
    const present = now.get(id);
    if (!present) {
      summary.comesBack.push({ kind: 'table', table: table.name, rows: rowsOf(table.id) });
      continue;
    }
    if (present.name !== table.name) summary.renamed.push({ kind: 'table', from: present.name, to: table.name });
    compareColumns(present, table, summary, rowsOf);
  }
  for (const [id, table] of now) if (!then.has(id)) summary.goesAway.push({ kind: 'table', table: table.name });
  return summary;
}

function compareColumns(
  present: TableDefinition,
  target: TableDefinition,
  summary: RollbackSummary,
  rowsOf: (id: string | undefined) => number | null | undefined,
) {
  const now = byId(present.columns);
  const then = byId(target.columns);
  for (const [id, column] of then) {
    const current = now.get(id);
    if (!current) {
      summary.comesBack.push({ kind: 'column', table: target.name, column: column.name, rows: rowsOf(column.id) });
      continue;
    }
    if (current.name !== column.name) {
      summary.renamed.push({ kind: 'column', table: target.name, from: current.name, to: column.name });
    }
    if (!sameColumn(current, column)) summary.changed.push(`${target.name}.${column.name}`);
  }
  for (const [id, column] of now) {
    if (!then.has(id)) summary.goesAway.push({ kind: 'column', table: present.name, column: column.name });
  }
}

/** "table deals (3 rows kept aside)" and the like. */
export function describeComingBack(item: ComingBack): string {
  const what = item.kind === 'table' ? `table ${item.table}` : `column ${item.table}.${item.column}`;
  if (item.rows === undefined) return what;
  if (item.rows === null) return `${what} (empty: nothing was kept for it)`;
  const rows = item.rows === 1 ? '1 row' : `${item.rows} rows`;
  return item.kind === 'table' ? `${what} with its ${rows}` : `${what} with its values in ${rows}`;
}

export function describeGoingAway(item: GoingAway): string {
  return item.kind === 'table' ? `table ${item.table}` : `column ${item.table}.${item.column}`;
}
