import { DecodedItem } from '../decode/decoded-item';
import { BadRow, ProcessedBatch, RowError } from '../pipeline/row-pipeline';
import { MAX_STORED_ERRORS } from './import-export-jobs';

export interface ImportCounts {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
}

/** What an attempt has found so far: counts, the file's header, and the bad rows kept for the reports. */
export class ImportFindings {
  readonly counts: ImportCounts = { rowsRead: 0, rowsValid: 0, rowsInvalid: 0 };
  /** At most MAX_STORED_ERRORS of each are kept; all are counted. */
  readonly errors: RowError[] = [];
  readonly badRows: BadRow[] = [];
  private headerNames: string[] | null = null;

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
    for (const row of rows) {
      if (this.badRows.length < MAX_STORED_ERRORS) this.badRows.push(row);
      for (const error of row.errors) if (this.errors.length < MAX_STORED_ERRORS) this.errors.push(error);
    }
  }
}
