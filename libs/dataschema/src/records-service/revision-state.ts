import { isSystemColumn, TableDefinition } from '../definition/schema-definition';

/** A revision's record, carried over to today's table. */
export interface CarriedState {
  /** Values under today's column names (system columns left out). */
  values: Record<string, unknown>;
  /** Names (as they were then) of columns today's table no longer has. */
  droppedColumns: string[];
}

/**
 * Maps a revision's record, written under the definition `then`, onto the table as it is `now`:
 * each column is followed by its stable id, so a renamed column gets its value under the new
 * name and a dropped one is reported. Without the old table (or an id), a name is matched as is.
 */
export function carryRevisionState(
  state: Record<string, unknown>,
  then: TableDefinition | undefined,
  now: TableDefinition,
): CarriedState {
  const values: Record<string, unknown> = {};
  const droppedColumns: string[] = [];
  for (const [name, value] of Object.entries(state)) {
    if (isSystemColumn(name)) continue;
    const id = then?.columns.find((c) => c.name === name)?.id;
    const current = id ? now.columns.find((c) => c.id === id) : now.columns.find((c) => c.name === name);
    if (current) values[current.name] = value;
    else droppedColumns.push(name);
  }
  return { values, droppedColumns };
}
