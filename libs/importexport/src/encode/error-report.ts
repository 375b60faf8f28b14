import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { neutralizeFormula } from '@app/core';
import { format as csvFormat } from 'fast-csv';
import { BadRow } from '../pipeline/row-pipeline';

export interface ErrorReportOptions {
  /** Prefix cells a spreadsheet would run as a formula (default true). */
  neutralize?: boolean;
}

/** One `column: message` per problem, or the message alone for a row the decoder could not read. */
export function errorText(row: BadRow): string {
  return row.errors.map((e) => (e.column === null ? e.message : `${e.column}: ${e.message}`)).join('; ');
}

/**
 * The bad rows as CSV: the file's own headers and cells, plus an `error` column (`error_1`, ... if the
 * file already has one). For JSON sources `headers` is `["record"]` and each row's cell its JSON.
 */
export async function writeErrorReport(
  headers: readonly string[],
  rows: AsyncIterable<BadRow> | Iterable<BadRow>,
  output: Writable,
  options: ErrorReportOptions = {},
): Promise<void> {
  const neutralize = options.neutralize !== false;
  let errorHeader = 'error';
  for (let n = 1; headers.includes(errorHeader); n++) errorHeader = `error_${n}`;
  const safe = (text: string) => (neutralize ? neutralizeFormula(text) : text);
  // no `headers` option: fast-csv would cut a ragged row's extra cells to the header's width
  const formatter = csvFormat();
  async function* lines() {
    yield [...headers, errorHeader].map(safe);
    for await (const row of rows) {
      const cells = headers.map((_, i) => safe(row.raw[i] ?? ''));
      // cells beyond the header (a ragged row) are kept, after the error
      yield [...cells, safe(errorText(row)), ...row.raw.slice(headers.length).map(safe)];
    }
  }
  await pipeline(Readable.from(lines()), formatter, output);
}
