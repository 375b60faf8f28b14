import { Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { loadExcelJs } from './load-exceljs';
import { fileError, ImportFileError } from '../import-file.errors';
import { CellValue, DecodedBatches, DecodedItem } from './decoded-item';
import { sniff } from './sniff';
import { assertZipWithinLimit } from './zip-size-guard';

export interface XlsxDecodeOptions {
  /** The sheet to read; the first one when not given. */
  sheet?: string;
  /** The most bytes the workbook may unpack to (default 2 GiB). */
  maxDecompressedBytes?: number;
  /** Rows handed on per batch. */
  batchSize?: number;
}

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;

type ExcelValue = ExcelJS.CellValue;

/** A cell of exceljs as a plain value: rich text joined, formulas as their result, links as their text. */
export function plainCell(value: ExcelValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainCell(value.result as ExcelValue);
  if ('hyperlink' in value) return plainCell(value.text as ExcelValue);
  if ('error' in value) return value.error;
  return String(value);
}

const text = (cell: CellValue) => (cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell));

/** Reads the first bytes of a fresh stream, then closes it. */
async function firstBytes(source: Readable): Promise<Buffer> {
  for await (const chunk of source) {
    source.destroy();
    return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
  return Buffer.alloc(0);
}

/**
 * Streams one sheet of an XLSX workbook with exceljs's streaming reader: its first row is the header,
 * row numbers are the sheet's own. `open` is called three times (a look at the first bytes, the
 * decompressed-size check, the read), so it must give the whole file afresh each time.
 */
export async function* decodeXlsx(open: () => Readable, options: XlsxDecodeOptions = {}): DecodedBatches {
  const head = await firstBytes(open());
  if (head.length === 0) throw fileError('EMPTY_FILE', 'The file is empty');
  if (sniff(head) !== 'zip') throw fileError('FILE_TYPE_MISMATCH', 'The file is not an XLSX workbook (not a zip)');
  await assertZipWithinLimit(open(), options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);

  const batchSize = options.batchSize ?? 1000;
  const { stream } = await loadExcelJs();
  const reader = new stream.xlsx.WorkbookReader(open(), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let found = false;
  let headerCount = -1;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name;
      if (found || (options.sheet !== undefined && name !== options.sheet)) {
        // Read a skipped sheet to its end all the same: exceljs may be streaming it from a temporary
        // file that it deletes as soon as we ask for the next sheet, and a stream left unread then
        // fails later with ENOENT, outside this import.
        for await (const _row of sheet) void _row;
        continue;
      }
      found = true;
      let batch: DecodedItem[] = [];
      for await (const row of sheet) {
        const values = row.values as ExcelValue[];
        const cells: CellValue[] = [];
        for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
        if (headerCount === -1) {
          while (cells.length > 0 && (cells[cells.length - 1] === null || cells[cells.length - 1] === '')) cells.pop();
          headerCount = cells.length;
          batch.push({ kind: 'header', rowNumber: row.number, names: cells.map(text) });
          continue;
        }
        if (cells.every((cell) => cell === null || cell === '')) continue;
        const beyond = cells.slice(headerCount).some((cell) => cell !== null && cell !== '');
        if (beyond) {
          batch.push({
            kind: 'bad',
            rowNumber: row.number,
            message: `has values beyond the header's ${headerCount} columns`,
            raw: cells.map(text),
          });
        } else {
          while (cells.length < headerCount) cells.push(null);
          cells.length = headerCount;
          batch.push({ kind: 'cells', rowNumber: row.number, cells });
        }
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw fileError('MALFORMED_FILE', `The workbook could not be read: ${(error as Error).message}`);
  }
  if (!found) {
    throw fileError(
      options.sheet === undefined ? 'EMPTY_FILE' : 'SHEET_NOT_FOUND',
      options.sheet === undefined ? 'The workbook has no sheet' : `The workbook has no sheet named ${options.sheet}`,
    );
  }
  if (headerCount === -1) throw fileError('EMPTY_FILE', 'The sheet is empty: it has no header row');
}
