import { ImportFileError } from '../import-file.errors';
import { chunksOf, cutAt } from '../testing/byte-chunks';
import { CsvDecodeOptions, decodeCsv } from './csv-decoder';
import { collectItems, DecodedItem } from './decoded-item';

const decode = (data: string | Buffer, options?: CsvDecodeOptions, size?: number) =>
  collectItems(decodeCsv(chunksOf(data, size), options));

async function failure(data: string | Buffer, options?: CsvDecodeOptions): Promise<ImportFileError> {
  try {
    await decode(data, options);
  } catch (error) {
    return error as ImportFileError;
  }
  throw new Error('expected the file to fail');
}

describe('decodeCsv', () => {
  it('numbers rows as a spreadsheet does: the header is row 1', async () => {
    expect(await decode('email,name\na@x.io,Ann\nb@x.io,Bob\n')).toEqual([
      { kind: 'header', rowNumber: 1, names: ['email', 'name'] },
      { kind: 'cells', rowNumber: 2, cells: ['a@x.io', 'Ann'] },
      { kind: 'cells', rowNumber: 3, cells: ['b@x.io', 'Bob'] },
    ]);
  });

  it('skips a UTF-8 BOM, so the first header is not "\\uFEFFemail"', async () => {
    const items = await decode('\ufeffemail,name\na,b');
    expect(items[0]).toEqual({ kind: 'header', rowNumber: 1, names: ['email', 'name'] });
  });

  it('reads CRLF line ends without keeping the CR in the last cell', async () => {
    expect(await decode('a,b\r\n1,2\r\n')).toEqual([
      { kind: 'header', rowNumber: 1, names: ['a', 'b'] },
      { kind: 'cells', rowNumber: 2, cells: ['1', '2'] },
    ]);
  });

  it('keeps newlines, delimiters and doubled quotes inside quoted cells', async () => {
    const items = await decode('a,b\n"line 1\r\nline 2","say ""hi"", ok"\n3,4\n');
    expect(items.slice(1)).toEqual([
      { kind: 'cells', rowNumber: 2, cells: ['line 1\r\nline 2', 'say "hi", ok'] },
      { kind: 'cells', rowNumber: 3, cells: ['3', '4'] },
    ]);
  });

  it.each([
    ['semicolon', 'a;b;c\n1;2,5;3\n', ['1', '2,5', '3']],
    ['tab', 'a\tb\tc\n1\t2;x\t3\n', ['1', '2;x', '3']],
    ['comma', 'a,"b;c",d\n1,2,3\n', ['1', '2', '3']],
  ])('detects the %s delimiter from the header row', async (_name, text, cells) => {
    expect((await decode(text))[1]).toEqual({ kind: 'cells', rowNumber: 2, cells });
  });

  it('makes a row with more or fewer cells than the header a bad row, and goes on', async () => {
    const items = await decode('a,b\n1\n1,2,3\n4,5\n');
    expect(items.slice(1)).toEqual([
      { kind: 'bad', rowNumber: 2, message: 'has 1 cells where the header has 2', raw: ['1'] },
      { kind: 'bad', rowNumber: 3, message: 'has 3 cells where the header has 2', raw: ['1', '2', '3'] },
      { kind: 'cells', rowNumber: 4, cells: ['4', '5'] },
    ]);
  });

  it('cuts a non-ASCII record into the right cells: characters of one to four bytes, quoted or not', async () => {
    const cells = ['é', '😀a', 'x,"ü"\n€', '', '𝄞😀', 'plain', '"', 'Ωmega'];
    const line = cells.map((c) => (/[",\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    const text = `${cells.map((_, k) => `c${k}`).join(',')}\n${line}\nascii,,,,,,,z\n`;
    for (const size of [undefined, 1, 3]) {
      expect((await decode(text, undefined, size)).slice(1)).toEqual([
        { kind: 'cells', rowNumber: 2, cells },
        { kind: 'cells', rowNumber: 3, cells: ['ascii', '', '', '', '', '', '', 'z'] },
      ]);
    }
  });

  it('makes a row with bytes invalid in UTF-8 a bad row, never a cell with U+FFFD', async () => {
    const data = Buffer.concat([Buffer.from('name,city\nJos'), Buffer.from([0xe9]), Buffer.from(',Paris\nZoë,Köln\n')]);
    const items = await decode(data);
    expect(items[1]).toMatchObject({ kind: 'bad', rowNumber: 2, message: 'holds bytes that are not valid UTF-8' });
    expect(items[2]).toEqual({ kind: 'cells', rowNumber: 3, cells: ['Zoë', 'Köln'] });
    expect(items.some((item) => item.kind === 'cells' && item.cells.some((c) => String(c).includes('\ufffd')))).toBe(
      false,
    );
  });

  it('reads the same bytes as latin1 when asked', async () => {
    const data = Buffer.concat([Buffer.from('name\nJos'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect((await decode(data, { encoding: 'latin1' }))[1]).toEqual({ kind: 'cells', rowNumber: 2, cells: ['José'] });
  });

  it('fails the file, naming the row, when a header has invalid UTF-8', async () => {
    const error = await failure(Buffer.from([0x6e, 0xe9, 0x0a, 0x31, 0x0a]));
    expect(error.code).toBe('INVALID_ENCODING');
    expect(error.message).toContain('Row 1');
  });

  it('fails cleanly on a 10 MB line instead of buffering it', async () => {
    const line = 'x'.repeat(10 * 1024 * 1024);
    const error = await failure(`a,b\n1,2\n${line},3\n`);
    expect(error.code).toBe('RECORD_TOO_LARGE');
    expect(error.message).toContain('Row 3');
  });

  it('fails an empty file, and a file of blank lines, as having no header', async () => {
    expect((await failure('')).code).toBe('EMPTY_FILE');
    expect((await failure('\ufeff\n\r\n')).code).toBe('EMPTY_FILE');
  });

  it('reads a file with only a header row as no data rows', async () => {
    expect(await decode('a,b')).toEqual([{ kind: 'header', rowNumber: 1, names: ['a', 'b'] }]);
  });

  it('skips blank lines but counts them in the row numbers', async () => {
    const items = await decode('a\n1\n\n2\n');
    expect(items.map((i) => i.rowNumber)).toEqual([1, 2, 4]);
  });

  it.each([
    ['an XLSX (zip) file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])],
    ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d])],
  ])('fails %s named .csv as not CSV', async (_name, data) => {
    expect((await failure(data)).code).toBe('FILE_TYPE_MISMATCH');
  });

  it('reports text after a closing quote as a bad row', async () => {
    expect((await decode('a,b\n"x"y,2\n'))[1]).toMatchObject({
      kind: 'bad',
      rowNumber: 2,
      message: 'has text after a closing quote',
    });
  });

  it('gives the same items wherever the input is cut into chunks', async () => {
    const data = Buffer.from('\ufeffname;note\r\n"Zoë";"a ""b""\r\nc"\r\nÅsa;\r\n\r\nx;"y;z"\r\nlast;1', 'utf8');
    const whole: DecodedItem[] = await collectItems(decodeCsv(chunksOf(data)));
    for (let cut = 1; cut < data.length; cut++) {
      expect(await collectItems(decodeCsv(cutAt(data, cut)))).toEqual(whole);
    }
    expect(whole).toHaveLength(5);
  });

  it('gives the same items when every chunk is a byte, or a few', async () => {
    const data = Buffer.from('a,b\r\n"x\ny",1\r\nÅsa,"q""q"\r\n', 'utf8');
    const whole: DecodedItem[] = await collectItems(decodeCsv(chunksOf(data)));
    for (const size of [1, 2, 3]) expect(await collectItems(decodeCsv(chunksOf(data, size)))).toEqual(whole);
  });

  it('carries records longer than a chunk, and longer than its carry buffer', async () => {
    const long = 'l'.repeat(150_000);
    const data = Buffer.from(`a,b\r\n"x\ny",${long}\r\nÅsa,"q""q"\r\n${long},z\r\n`, 'utf8');
    const whole: DecodedItem[] = await collectItems(decodeCsv(chunksOf(data, data.length)));
    expect(whole).toHaveLength(4);
    for (const size of [4096, 70_000]) expect(await collectItems(decodeCsv(chunksOf(data, size)))).toEqual(whole);
  });

  it('yields at most maxBatchItems items a batch', async () => {
    const data = Buffer.from(['n', ...Array.from({ length: 10 }, (_, i) => String(i))].join('\n'));
    const sizes: number[] = [];
    for await (const batch of decodeCsv(chunksOf(data), { maxBatchItems: 4 })) sizes.push(batch.length);
    // the last record waits for the end of the file (it has no line end)
    expect(sizes).toEqual([4, 4, 2, 1]);
  });
});

describe('decodeCsv and its source', () => {
  /** A source that, like the file store's reader, releases its file in `finally`. */
  function trackedSource(chunks: string[]) {
    const source = { released: false };
    async function* read(): AsyncGenerator<Buffer> {
      try {
        for (const chunk of chunks) yield Buffer.from(chunk);
      } finally {
        source.released = true;
      }
    }
    return { source, input: read() };
  }

  it('releases the source when it refuses the file', async () => {
    const { source, input } = trackedSource(['PK\u0003\u0004 not text', 'more']);
    await expect(collectItems(decodeCsv(input))).rejects.toBeInstanceOf(ImportFileError);
    expect(source.released).toBe(true);
  });

  it('releases the source when its consumer stops early', async () => {
    const { source, input } = trackedSource(['email\na@x.io\n', 'b@x.io\n', 'c@x.io\n']);
    for await (const batch of decodeCsv(input, { maxBatchItems: 1 })) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    expect(source.released).toBe(true);
  });
});
