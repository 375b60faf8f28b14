import { TableDefinition } from '@app/dataschema';

/** The column sets that must be unique: unique columns, then unique indexes. */
export function uniqueKeysOf(table: TableDefinition): string[][] {
  const keys = table.columns.filter((c) => c.unique === true).map((c) => [c.name]);
  for (const index of table.indexes ?? []) if (index.unique === true) keys.push([...index.columns]);
  return keys;
}

/**
 * A copy of a string that shares no memory with it: a decoder's cells are slices of a record's text,
 * and keeping a slice keeps the whole record alive; a million of them cost hundreds of MB.
 */
export function detachedCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** The keys of one unique column set seen so far in a file, each with the row that had it first. */
export class InFileUniqueIndex {
  private readonly firstRows = new Map<string, number>();

  constructor(readonly columns: readonly string[]) {}

  /** Remembers `key` for `row`; when an earlier row already had it, that row instead. */
  claim(key: string, row: number): number | undefined {
    const earlier = this.firstRows.get(key);
    if (earlier !== undefined) return earlier;
    this.firstRows.set(detachedCopy(key), row);
    return undefined;
  }

  get size(): number {
    return this.firstRows.size;
  }
}
