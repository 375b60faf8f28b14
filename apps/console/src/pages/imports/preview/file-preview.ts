import type { ImportFormat } from '../jobs-api';
import { previewCsv } from './csv-preview';
import { previewJsonArray, previewNdjson } from './json-preview';

/** The first rows of a file as the import will read them, for the user to check and map. */
export interface FilePreview {
  format: ImportFormat;
  /** The header row (CSV, XLSX) or the keys of the first objects (JSON, NDJSON). */
  headers: string[];
  /** Cells as text, one per header. */
  rows: string[][];
  /** Each row's number as the import's error report will give it. */
  rowNumbers: number[];
  /** True when the file has more rows than shown. */
  more: boolean;
  /** What the reader noticed (the CSV delimiter, a byte-order mark...). */
  notes: string[];
}

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 10;

/** How much of a text file is read for its preview: enough for the first rows of any sane file. */
const TEXT_SLICE_BYTES = 1024 * 1024;

/** The format a file name says it has, or null when the import cannot read it. */
export function formatOfName(name: string): ImportFormat | null {
  const extension = name.split('.').pop()?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' || extension === 'json' || extension === 'ndjson'
    ? extension
    : null;
}

async function textStart(file: File): Promise<{ text: string; eof: boolean; bom: boolean }> {
  const bytes = new Uint8Array(await file.slice(0, TEXT_SLICE_BYTES).arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8').decode(bom ? bytes.subarray(3) : bytes);
  return { text, eof: file.size <= TEXT_SLICE_BYTES, bom };
}

/**
 * Reads the first rows of the file in the browser: CSV, JSON and NDJSON from the first megabyte,
 * XLSX with a reader that loads only now (its own chunk) and unpacks only the first sheet's start.
 * Throws an Error saying what is wrong with the file.
 */
export async function previewFile(file: File, format: ImportFormat): Promise<FilePreview> {
  if (file.size === 0) throw new Error('The file is empty: choose a file with a header row and data rows.');
  if (format === 'xlsx') {
    const { previewXlsx } = await import('./xlsx-preview');
    return previewXlsx(file, PREVIEW_ROWS);
  }
  const { text, eof, bom } = await textStart(file);
  const preview =
    format === 'csv'
      ? previewCsv(text, eof, PREVIEW_ROWS)
      : format === 'json'
        ? previewJsonArray(text, eof, PREVIEW_ROWS)
        : previewNdjson(text, eof, PREVIEW_ROWS);
  if (bom) preview.notes.push('The file starts with a UTF-8 byte-order mark (ignored).');
  return preview;
}
