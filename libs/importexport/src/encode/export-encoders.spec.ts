import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { collectOutput } from '../testing/collect-output';
import { ExportColumn } from './export-cells';
import { ExportFormat, ExportOptions, writeExport } from './export-encoders';

const columns: ExportColumn[] = [
  { name: 'name', type: 'string' },
  { name: 'balance', type: 'integer' },
  { name: 'score', type: 'decimal' },
  { name: 'active', type: 'boolean' },
  { name: 'meta', type: 'json' },
];
const rows = [
  { id: 'x', name: '=HYPERLINK("http://evil")', balance: -5, score: '-1.50', active: true, meta: { a: 1 } },
  {
    id: 'y',
    name: 'Ann, "the first"\nline',
    balance: null,
    score: '12345678901234567890.5',
    active: false,
    meta: null,
  },
];

async function exported(format: ExportFormat, options?: ExportOptions): Promise<Buffer> {
  const out = collectOutput();
  await writeExport(format, columns, rows, out.stream, options);
  return out.bytes;
}

describe('writeExport', () => {
  it('writes CSV with a header, quotes where needed, and neutralizes formulas in text cells only', async () => {
    expect((await exported('csv')).toString()).toBe(
      'name,balance,score,active,meta\n' +
        `"'=HYPERLINK(""http://evil"")",-5,-1.50,true,"{""a"":1}"\n` +
        '"Ann, ""the first""\nline",,12345678901234567890.5,false,',
    );
  });

  it('leaves formulas as they are when neutralization is off', async () => {
    expect((await exported('csv', { neutralize: false })).toString()).toContain('"=HYPERLINK(""http://evil"")"');
  });

  it('writes a JSON array and NDJSON of the chosen columns only', async () => {
    const json = JSON.parse((await exported('json')).toString());
    expect(json).toEqual(rows.map(({ id: _id, ...rest }) => rest));
    const lines = (await exported('ndjson')).toString().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(json);
  });

  it('writes an empty JSON array and an empty NDJSON for no rows', async () => {
    for (const [format, text] of [
      ['json', '[\n]\n'],
      ['ndjson', ''],
    ] as const) {
      const out = collectOutput();
      await writeExport(format, columns, [], out.stream);
      expect((await out.bytes).toString()).toBe(text);
    }
  });

  it('writes XLSX with numbers as numbers (a negative stays negative) and text neutralized', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await exported('xlsx'));
    const sheet = book.getWorksheet('Export')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'name', 'balance', 'score', 'active', 'meta']);
    expect(sheet.getRow(2).values).toEqual([undefined, `'=HYPERLINK("http://evil")`, -5, -1.5, true, '{"a":1}']);
    // more digits than a double holds: kept as text rather than rounded
    expect(sheet.getRow(3).getCell(3).value).toBe('12345678901234567890.5');
  });

  it('streams a large export through a slow reader', async () => {
    async function* many() {
      for (let i = 0; i < 20_000; i++) yield { name: `n${i}`, balance: i, score: '1', active: true, meta: null };
    }
    const out = collectOutput();
    await writeExport('ndjson', columns, Readable.from(many()), out.stream);
    expect((await out.bytes).toString().split('\n')).toHaveLength(20_001);
  });
});
