export { quoteIdent } from '@app/core';

/** The part of a compiled table (or of a column list) that staging needs. */
export interface RecordTableLike {
  columns: ReadonlyArray<{ name: string; quoted: string; sqlType: string }>;
}
