/** A cell as a decoder hands it on: CSV gives text, XLSX also numbers, booleans and dates. */
export type CellValue = string | number | boolean | Date | null;

/** The header row of a tabular file (CSV, XLSX). */
export interface HeaderItem {
  kind: 'header';
  rowNumber: number;
  names: string[];
}

/** A data row of a tabular file, cells in header order. */
export interface CellsItem {
  kind: 'cells';
  rowNumber: number;
  cells: CellValue[];
}

/** One element (JSON) or line (NDJSON). */
export interface ObjectItem {
  kind: 'object';
  rowNumber: number;
  value: Record<string, unknown>;
}

/** A row the decoder could not read (ragged, invalid bytes, not an object): reported, not fatal. */
export interface BadItem {
  kind: 'bad';
  rowNumber: number;
  message: string;
  /** What could be read of it, for the error report: cells, or the element's text. */
  raw: string[];
}

export type DecodedItem = HeaderItem | CellsItem | ObjectItem | BadItem;

/**
 * Decoders yield arrays of items, one per input chunk (or a part of one): pulling the next batch
 * pulls the next chunk (back-pressure), while a million rows cost a few thousand awaits instead of
 * a million.
 */
export type DecodedBatches = AsyncGenerator<DecodedItem[], void, undefined>;

/**
 * Most items a CSV batch holds: a batch lives until it is processed, and a batch that outlives two
 * young-generation collections is promoted to the old generation, whose garbage then piles up
 * until a full collection (hundreds of MB for a large file). A few hundred rows die young.
 */
export const MAX_BATCH_ITEMS = 256;

/** Rows are numbered as a spreadsheet shows them (CSV, XLSX) or from 1 (JSON elements, NDJSON lines). */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/** Every item of a decoder, one by one: for tests and small files. */
export async function collectItems(batches: AsyncIterable<DecodedItem[]>): Promise<DecodedItem[]> {
  const items: DecodedItem[] = [];
  for await (const batch of batches) items.push(...batch);
  return items;
}
