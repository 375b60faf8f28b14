import { ImportErrorFiles } from './import-error-files';
import { ImportCounts } from './import-findings';

/** What an import job answers (its row's `result`, and `progress.summary` once committed). */
export interface ImportSummary extends Record<string, unknown> {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsStored: number;
  errorsStored: number;
  dryRun: boolean;
  message: string;
  errorsKey: string | null;
  badRowsKey: string | null;
  /** The batch of records an insert import created (what a revert removes); null when it stored none. */
  batchId: string | null;
}

/** The job was cancelled while it ran: nothing is stored and the row keeps its status. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled');
  }
}

export function importSummary(
  counts: ImportCounts,
  stored: number,
  errorsStored: number,
  dryRun: boolean,
  files: ImportErrorFiles,
  batchId: string | null,
): ImportSummary {
  const bad = counts.rowsInvalid;
  const message = dryRun
    ? `Dry run: ${counts.rowsValid} of ${counts.rowsRead} rows are valid, ${bad} are not; nothing was stored`
    : stored === 0 && bad > 0
      ? `${bad} of ${counts.rowsRead} rows are bad; nothing was stored`
      : `${stored} rows stored, ${bad} bad rows skipped`;
  return { ...counts, rowsStored: stored, errorsStored, dryRun, message, ...files, batchId };
}

/** The summary of an attempt that failed before loading anything (a bad file, a missing table). */
export function failedSummary(message: string): ImportSummary {
  return {
    rowsRead: 0,
    rowsValid: 0,
    rowsInvalid: 0,
    rowsStored: 0,
    errorsStored: 0,
    dryRun: false,
    message: `${message}; nothing was stored`,
    errorsKey: null,
    badRowsKey: null,
    batchId: null,
  };
}
