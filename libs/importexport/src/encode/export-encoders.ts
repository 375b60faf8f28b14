import { once } from 'node:events';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { loadExcelJs } from '../decode/load-exceljs';
import { format as csvFormat } from 'fast-csv';
import { CellOptions, csvCell, ExportColumn, xlsxCell } from './export-cells';

export type ExportFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};

export interface ExportOptions extends CellOptions {
  /** The XLSX sheet's name (default "Export"). */
  sheetName?: string;
}

type Rows = AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;

/**
 * Writes records (as the records API returns them) to `output` in one format, with back-pressure:
 * a header row of column names for CSV and XLSX, formula neutralization of text cells unless
 * `neutralize: false` (CSV and XLSX only; JSON keeps values as they are).
 */
export async function writeExport(
  format: ExportFormat,
  columns: readonly ExportColumn[],
  rows: Rows,
  output: Writable,
  options: ExportOptions = {},
): Promise<void> {
  const neutralize = options.neutralize !== false;
  switch (format) {
    case 'csv':
      return writeCsv(columns, rows, output, neutralize);
    case 'xlsx':
      return writeXlsx(columns, rows, output, neutralize, options.sheetName ?? 'Export');
    case 'json':
      return writeJsonLike(columns, rows, output, true);
    case 'ndjson':
      return writeJsonLike(columns, rows, output, false);
  }
}

async function writeCsv(columns: readonly ExportColumn[], rows: Rows, output: Writable, neutralize: boolean) {
  const formatter = csvFormat({ headers: columns.map((c) => c.name), alwaysWriteHeaders: true });
  async function* lines() {
    for await (const row of rows) yield columns.map((c) => csvCell(row[c.name], c, neutralize));
  }
  await pipeline(Readable.from(lines()), formatter, output);
}

async function writeJsonLike(columns: readonly ExportColumn[], rows: Rows, output: Writable, array: boolean) {
  const separator = array ? ',\n' : '\n';
  let chunk = array ? '[\n' : '';
  let first = true;
  for await (const row of rows) {
    const picked: Record<string, unknown> = {};
    for (const column of columns) picked[column.name] = row[column.name] ?? null;
    chunk += (first ? '' : separator) + JSON.stringify(picked);
    first = false;
    if (chunk.length >= 64 * 1024) {
      if (!output.write(chunk)) await once(output, 'drain');
      chunk = '';
    }
  }
  if (array) chunk += first ? ']\n' : '\n]\n';
  else if (!first) chunk += '\n';
  await new Promise<void>((resolve, reject) => output.end(chunk, () => resolve()).once('error', reject));
}

async function writeXlsx(
  columns: readonly ExportColumn[],
  rows: Rows,
  output: Writable,
  neutralize: boolean,
  sheetName: string,
) {
  const finished = once(output, 'finish');
  const { stream } = await loadExcelJs();
  const workbook = new stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(columns.map((c) => c.name)).commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(columns.map((c) => xlsxCell(row[c.name], c, neutralize))).commit();
    // the zip writer buffers ahead of `output`; let it drain now and then
    if (++count % 1000 === 0 && output.writableNeedDrain) await once(output, 'drain');
  }
  sheet.commit();
  await workbook.commit();
  await finished;
}
