import { ImportFileError } from '../import-file.errors';
import { chunksOf, cutAt } from '../testing/byte-chunks';
import { collectItems, DecodedBatches } from './decoded-item';
import { decodeJsonArray } from './json-array-decoder';
import { decodeNdjson } from './ndjson-decoder';

async function failure(run: () => DecodedBatches): Promise<ImportFileError> {
  try {
    await collectItems(run());
  } catch (error) {
    return error as ImportFileError;
  }
  throw new Error('expected the file to fail');
}

describe('decodeJsonArray', () => {
  const decode = (text: string | Buffer, max?: number) =>
    collectItems(decodeJsonArray(chunksOf(text), { maxRecordBytes: max }));

  it('numbers elements from 1, brackets and commas inside strings included', async () => {
    expect(await decode(' [ {"a": "x,]}"}, {"b": [1, {"c": 2}]} ] ')).toEqual([
      { kind: 'object', rowNumber: 1, value: { a: 'x,]}' } },
      { kind: 'object', rowNumber: 2, value: { b: [1, { c: 2 }] } },
    ]);
  });

  it('makes an element that is not an object, or not valid JSON, a bad row', async () => {
    const items = await decode('[{"a":1}, 42, ["x"], {"a": tru}, {"a":2}]');
    expect(items.map((i) => (i.kind === 'bad' ? `${i.rowNumber} ${i.message}` : i.rowNumber))).toEqual([
      1,
      '2 must be a JSON object',
      '3 must be a JSON object',
      '4 is not valid JSON',
      5,
    ]);
  });

  it('makes an element with invalid UTF-8 a bad row', async () => {
    const data = Buffer.concat([Buffer.from('[{"a":"'), Buffer.from([0xff]), Buffer.from('"},{"a":"ü"}]')]);
    const items = await decode(data);
    expect(items[0]).toMatchObject({ kind: 'bad', rowNumber: 1, message: 'holds bytes that are not valid UTF-8' });
    expect(items[1]).toEqual({ kind: 'object', rowNumber: 2, value: { a: 'ü' } });
  });

  it('reads an empty array as no rows, and fails an empty file', async () => {
    expect(await decode('[ ]')).toEqual([]);
    expect((await failure(() => decodeJsonArray(chunksOf('')))).code).toBe('EMPTY_FILE');
  });

  it.each([
    ['CSV text', 'a,b\n1,2\n'],
    ['a single object', '{"a": 1}'],
    ['a zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])],
  ])('fails %s as not a JSON array', async (_name, data) => {
    expect((await failure(() => decodeJsonArray(chunksOf(data)))).code).toBe('FILE_TYPE_MISMATCH');
  });

  it('fails a truncated array', async () => {
    expect((await failure(() => decodeJsonArray(chunksOf('[{"a":1},{"a":')))).code).toBe('MALFORMED_FILE');
  });

  it('fails an element over the size cap', async () => {
    const error = await failure(() =>
      decodeJsonArray(chunksOf(`[{"a":1},{"a":"${'x'.repeat(5000)}"}]`, 1000), { maxRecordBytes: 2000 }),
    );
    expect(error.code).toBe('RECORD_TOO_LARGE');
    expect(error.message).toContain('Element 2');
  });

  it('gives the same items wherever the input is cut', async () => {
    const data = Buffer.from('[{"n":"a\\"]"},{"n":"ß"} ,\n{"n":[1,2]}]');
    const whole = await collectItems(decodeJsonArray(chunksOf(data)));
    for (let cut = 1; cut < data.length; cut++)
      expect(await collectItems(decodeJsonArray(cutAt(data, cut)))).toEqual(whole);
    expect(whole).toHaveLength(3);
  });
});

describe('decodeNdjson', () => {
  const decode = (text: string) => collectItems(decodeNdjson(chunksOf(text)));

  it('numbers records by line from 1, skipping blank lines and CRs', async () => {
    expect(await decode('{"a":1}\r\n\n{"a":2}')).toEqual([
      { kind: 'object', rowNumber: 1, value: { a: 1 } },
      { kind: 'object', rowNumber: 3, value: { a: 2 } },
    ]);
  });

  it('makes a later line that is not an object a bad row', async () => {
    expect((await decode('{"a":1}\n[1]\n{oops\n'))[1]).toMatchObject({
      kind: 'bad',
      rowNumber: 2,
      message: 'must be a JSON object',
    });
    expect((await decode('{"a":1}\n[1]\n{oops\n'))[2]).toMatchObject({
      kind: 'bad',
      rowNumber: 3,
      message: 'is not valid JSON',
    });
  });

  it('fails a file whose first line is not JSON (a CSV named .ndjson)', async () => {
    expect((await failure(() => decodeNdjson(chunksOf('email,name\na,b\n')))).code).toBe('FILE_TYPE_MISMATCH');
  });

  it('fails an empty file', async () => {
    expect((await failure(() => decodeNdjson(chunksOf('\n\n')))).code).toBe('EMPTY_FILE');
  });

  it('fails a line over the size cap', async () => {
    const error = await failure(() =>
      decodeNdjson(chunksOf(`{"a":1}\n{"a":"${'x'.repeat(3000)}"}\n`, 512), { maxRecordBytes: 1000 }),
    );
    expect(error.code).toBe('RECORD_TOO_LARGE');
    expect(error.message).toContain('Line 2');
  });
});
