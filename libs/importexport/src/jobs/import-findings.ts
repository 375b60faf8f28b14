import { DecodedItem } from '../decode/decoded-item';
import { BadRow, ProcessedBatch, RowError } from '../pipeline/row-pipeline';
import { MAX_STORED_ERRORS } from './import-export-jobs';

export interface ImportCounts {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
}

/** A string that shares no memory with another: a slice would keep its whole decoded record alive. */
const flat = (text: string | null) => (text === null || text.length < 13 ? text : Buffer.from(text).toString());

/**
 * What an attempt has found so far: counts, the file's header, and the bad rows kept for the
 * reports (at most MAX_STORED_ERRORS of each; all are counted). A kept bad row holds its cells as
 * one JSON text and its errors' values as flat strings: a hundred thousand bad rows stay a few tens
 * of MB instead of pinning their decoded records.
 */
export class ImportFindings {
  readonly counts: ImportCounts = { rowsRead: 0, rowsValid: 0, rowsInvalid: 0 };
  readonly errors: RowError[] = [];
  private readonly kept: Array<{ row: number; errors: RowError[]; raw: string }> = [];
  private headerNames: string[] | null = null;

  /** The kept bad rows, with their cells. */
  get badRows(): BadRow[] {
    return this.kept.map(({ row, errors, raw }) => ({ row, errors, raw: JSON.parse(raw) as string[] }));
  }

  /** The file's header (CSV, XLSX), or one `record` column for JSON. */
  get headers(): string[] {
    return this.headerNames ?? ['record'];
  }

  /** Takes a decoded batch's header row, if it holds one. */
  read(items: readonly DecodedItem[]): void {
    if (this.headerNames !== null) return;
    const header = items.find((item) => item.kind === 'header');
    if (header && header.kind === 'header') this.headerNames = [...header.names];
  }

  add(batch: ProcessedBatch): void {
    this.counts.rowsValid += batch.goodRows;
    this.counts.rowsInvalid += batch.badRows.length;
    this.counts.rowsRead += batch.goodRows + batch.badRows.length;
    this.keep(batch.badRows);
  }

  /** Good rows that a later check turned down. */
  reject(rows: readonly BadRow[]): void {
    this.counts.rowsValid -= rows.length;
    this.counts.rowsInvalid += rows.length;
    this.keep(rows);
  }

  private keep(rows: readonly BadRow[]): void {
    for (const { row, errors, raw } of rows) {
      const compact = errors.map((e) => ({ ...e, value: flat(e.value) }));
      if (this.kept.length < MAX_STORED_ERRORS) this.kept.push({ row, errors: compact, raw: JSON.stringify(raw) });
      for (const error of compact) if (this.errors.length < MAX_STORED_ERRORS) this.errors.push(error);
    }
  }
}
