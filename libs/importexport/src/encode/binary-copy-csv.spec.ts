import { Readable } from 'node:stream';
import { BinaryCell, BinaryCopyToCsv } from './binary-copy-csv';

/** A binary COPY stream of rows whose fields are given as bytes (null for NULL). */
function binaryCopy(rows: Array<Array<Buffer | null>>): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const size = Buffer.alloc(4);
      size.writeInt32BE(field === null ? -1 : field.length);
      parts.push(size, ...(field ? [field] : []));
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

const text = (s: string) => Buffer.from(s);
const int64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
};
const double = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
};

async function csvOf(names: string[], cells: BinaryCell[], input: Buffer, chunk: number): Promise<string> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) chunks.push(input.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const piece of Readable.from(chunks).pipe(new BinaryCopyToCsv(names, cells))) out.push(piece as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('BinaryCopyToCsv', () => {
  const cells: BinaryCell[] = [
    { kind: 'text', neutralize: true },
    { kind: 'plain' },
    { kind: 'timestamp' },
    { kind: 'boolean' },
    { kind: 'float' },
    { kind: 'json' },
  ];
  const names = ['label', 'amount', 'at', 'flag', 'ratio', 'meta'];
  const input = binaryCopy([
    [text('=1+2'), text('-5'), int64(0n), Buffer.from([1]), double(-0.5), text('{"a": null, "b": [1, "x"]}')],
    [text('a,"b"\nc'), null, int64(-1n), Buffer.from([0]), double(1e21), text('"=text"')],
    [text(''), text('0'), int64(9223372036854775807n), null, null, text('null')],
    [null, null, int64(-70_000_000_000_000_000n), null, double(0.1), text('12.5')],
    [text('ü' + 'x'.repeat(200)), null, null, null, null, null],
  ]);
  const expected = [
    'label,amount,at,flag,ratio,meta',
    `'=1+2,-5,2000-01-01T00:00:00.000000Z,true,-0.5,"{""a"":null,""b"":[1,""x""]}"`,
    '"a,""b""\nc",,1999-12-31T23:59:59.999999Z,false,1e+21,=text',
    '"",0,,,,',
    ',,0220-10-14T19:33:20.000000Z,,0.1,12.5', // 220 BC, as to_char writes it
    `ü${'x'.repeat(200)},,,,,`,
    '',
  ].join('\n');

  it('writes COPY CSV of the records API text: ISO times, true/false, compact JSON, quoting, neutralized text', async () => {
    expect(await csvOf(names, cells, input, input.length)).toBe(expected);
  });

  it('writes the same whatever the chunks cut (rows, lengths and fields split)', async () => {
    for (const chunk of [1, 2, 3, 5, 7, 64]) expect(await csvOf(names, cells, input, chunk)).toBe(expected);
  });

  it('leaves text as it is without neutralization, and quotes a lone \\. in a single column', async () => {
    const single = binaryCopy([[text('\\.')], [text('-3')], [null]]);
    expect(await csvOf(['v'], [{ kind: 'text', neutralize: false }], single, 4)).toBe('v\n"\\."\n-3\n\n');
  });

  it('fails a stream that ends before its trailer', async () => {
    await expect(csvOf(['v'], [{ kind: 'plain' }], input.subarray(0, 30), 8)).rejects.toThrow(/ended early/);
  });
});
