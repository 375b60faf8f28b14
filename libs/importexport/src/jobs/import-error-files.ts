import { PassThrough, Readable } from 'node:stream';
import { writeErrorReport } from '../encode/error-report';
import { FileStore } from '../file-store/file-store';
import { BadRow, RowError } from '../pipeline/row-pipeline';

export interface ImportErrorFiles extends Record<string, string | null> {
  /** NDJSON, one `{row, column, value, message}` a line. */
  errorsKey: string | null;
  /** The bad rows as CSV with an error column. */
  badRowsKey: string | null;
}

/** Stores a job's row errors and bad rows in the file store; none when there are none. */
export async function writeImportErrors(
  store: FileStore,
  headers: readonly string[],
  errors: readonly RowError[],
  badRows: readonly BadRow[],
): Promise<ImportErrorFiles> {
  if (errors.length === 0) return { errorsKey: null, badRowsKey: null };
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  function* lines() {
    for (const e of sorted)
      yield JSON.stringify({ row: e.row, column: e.column, value: e.value, message: e.message }) + '\n';
  }
  const errorsFile = await store.put(Readable.from(lines()), { extension: 'ndjson' });
  const report = new PassThrough();
  const stored = store.put(report, { extension: 'csv' });
  await writeErrorReport(
    headers,
    [...badRows].sort((a, b) => a.row - b.row),
    report,
  );
  return { errorsKey: errorsFile.key, badRowsKey: (await stored).key };
}
