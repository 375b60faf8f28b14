import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { ImportFileError } from '../import-file.errors';
import { collectItems } from './decoded-item';
import { decodeXlsx, XlsxDecodeOptions } from './xlsx-decoder';

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const decode = (data: Buffer, options?: XlsxDecodeOptions) =>
  collectItems(decodeXlsx(() => Readable.from([data]), options));

async function failure(data: Buffer, options?: XlsxDecodeOptions): Promise<ImportFileError> {
  try {
    await decode(data, options);
  } catch (error) {
    return error as ImportFileError;
  }
  throw new Error('expected the file to fail');
}

describe('decodeXlsx', () => {
  it('reads the first sheet: header on row 1, typed cells, short rows padded', async () => {
    const born = new Date(Date.UTC(1990, 4, 17));
    const data = await workbook({
      People: [['email', 'age', 'born', 'vip'], ['a@x.io', 42, born, true], ['b@x.io']],
      Other: [['x'], [1]],
    });
    expect(await decode(data)).toEqual([
      { kind: 'header', rowNumber: 1, names: ['email', 'age', 'born', 'vip'] },
      { kind: 'cells', rowNumber: 2, cells: ['a@x.io', 42, born, true] },
      { kind: 'cells', rowNumber: 3, cells: ['b@x.io', null, null, null] },
    ]);
  });

  it('reads a named sheet', async () => {
    const data = await workbook({ First: [['a'], [1]], Second: [['b'], ['two']] });
    expect(await decode(data, { sheet: 'Second' })).toEqual([
      { kind: 'header', rowNumber: 1, names: ['b'] },
      { kind: 'cells', rowNumber: 2, cells: ['two'] },
    ]);
    expect((await failure(data, { sheet: 'Missing' })).code).toBe('SHEET_NOT_FOUND');
  });

  it('makes a row with values beyond the header a bad row', async () => {
    const items = await decode(
      await workbook({
        S: [
          ['a', 'b'],
          [1, 2, 3],
        ],
      }),
    );
    expect(items[1]).toMatchObject({ kind: 'bad', rowNumber: 2, raw: ['1', '2', '3'] });
  });

  it('fails a file that is not a zip (a CSV named .xlsx)', async () => {
    expect((await failure(Buffer.from('email,name\na,b\n'))).code).toBe('FILE_TYPE_MISMATCH');
  });

  it('fails a zip that is cut short', async () => {
    const data = await workbook({ S: [['a'], [1]] });
    const error = await failure(data.subarray(0, Math.floor(data.length / 2)));
    expect(['FILE_TYPE_MISMATCH', 'MALFORMED_FILE']).toContain(error.code);
  });

  it('stops at the decompressed-size cap (a zip bomb) before reading rows', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`row ${i}`, 'x'.repeat(50)]);
    const data = await workbook({ S: [['a', 'b'], ...rows] });
    expect((await failure(data, { maxDecompressedBytes: 50_000 })).code).toBe('DECOMPRESSED_TOO_LARGE');
    expect(await decode(data, { maxDecompressedBytes: 10_000_000 })).toHaveLength(2001);
  });

  it('fails an empty file', async () => {
    expect((await failure(Buffer.alloc(0))).code).toBe('EMPTY_FILE');
  });
});
