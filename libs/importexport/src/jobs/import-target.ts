import { RecordColumn, RecordTable, TableDefinition } from '@app/dataschema';

/** The table an import loads: compiled, with its definition, stable id and the active version. */
export interface ImportTarget {
  table: RecordTable;
  definition: TableDefinition;
  /** The stable id history rows and import batches carry. */
  tableId: string;
  version: number;
}

/** The table's own reference columns (a loaded value must name a stored record). */
export const referenceColumns = (target: ImportTarget): RecordColumn[] =>
  target.table.writable.filter((c) => c.references !== undefined);

/** A clash with a row committed while the attempt ran without a table lock: start again with it. */
export class LoadClash extends Error {
  constructor(override readonly cause: unknown) {
    super(`A row committed meanwhile clashes: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
