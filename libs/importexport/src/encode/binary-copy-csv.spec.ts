import { BinaryCell, BinaryCopyCsvEncoder } from './binary-copy-csv';

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

/** The CSV of `input` written in `chunk`-byte pieces, each a range of a larger buffer (as a socket chunk's). */
function csvOf(names: string[], cells: BinaryCell[], input: Buffer, chunk: number): string {
  const out: Buffer[] = [];
  const encoder = new BinaryCopyCsvEncoder(names, cells, (piece) => out.push(Buffer.from(piece)));
  const padded = Buffer.concat([Buffer.from('junk'), input, Buffer.from('junk')]);
  for (let i = 0; i < input.length; i += chunk) encoder.write(padded, 4 + i, 4 + Math.min(i + chunk, input.length));
  encoder.end();
  return Buffer.concat(out).toString('utf8');
}

describe('BinaryCopyCsvEncoder', () => {
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

  it('writes COPY CSV of the records API text: ISO times, true/false, compact JSON, quoting, neutralized text', () => {
    expect(csvOf(names, cells, input, input.length)).toBe(expected);
  });

  it('writes the same whatever the chunks cut (rows, lengths and fields split)', () => {
    for (let chunk = 1; chunk <= input.length; chunk++)
      expect({ chunk, csv: csvOf(names, cells, input, chunk) }).toEqual({ chunk, csv: expected });
  });

  it('keeps every row whole across output chunks, a json cell growing past the room made for its row', () => {
    // 1e2 is 3 bytes of JSON and 3 of CSV, [1e20] is 6 of JSON and 23 of CSV: the json cell makes its own room
    const meta = `[${Array.from({ length: 3000 }, () => '1e20').join(',')}]`;
    const rows = Array.from({ length: 60 }, (_, i) => [text(meta), text(`a,b${i}`), text('x'.repeat(i * 97))]);
    const many = binaryCopy(rows);
    const cell = `"[${Array.from({ length: 3000 }, () => '100000000000000000000').join(',')}]"`;
    const csv = ['m,t,x', ...rows.map((_, i) => `${cell},"a,b${i}",${'x'.repeat(i * 97)}`), ''].join('\n');
    const kinds: BinaryCell[] = [{ kind: 'json' }, { kind: 'text', neutralize: false }, { kind: 'plain' }];
    for (const chunk of [1000, 65536, many.length]) expect(csvOf(['m', 't', 'x'], kinds, many, chunk)).toBe(csv);
  });

  it('leaves text as it is without neutralization, and quotes a lone \\. in a single column', () => {
    const single = binaryCopy([[text('\\.')], [text('-3')], [null]]);
    expect(csvOf(['v'], [{ kind: 'text', neutralize: false }], single, 4)).toBe('v\n"\\."\n-3\n\n');
  });

  it("writes a timestamp that repeats the column's last one as it, and one that differs in either half anew", () => {
    const times = [0n, 0n, 1n, 4294967296n, 9223372036854775807n, 9223372036854775807n, 0n];
    const csv = [
      'at',
      '2000-01-01T00:00:00.000000Z',
      '2000-01-01T00:00:00.000000Z',
      '2000-01-01T00:00:00.000001Z',
      '2000-01-01T01:11:34.967296Z',
      '',
      '',
      '2000-01-01T00:00:00.000000Z',
      '',
    ].join('\n');
    const input = binaryCopy(times.map((t) => [int64(t)]));
    expect(csvOf(['at'], [{ kind: 'timestamp' }], input, input.length)).toBe(csv);
  });

  it('fails a stream that ends before its trailer', () => {
    expect(() => csvOf(['v'], [{ kind: 'plain' }], input.subarray(0, 30), 8)).toThrow(/ended early/);
  });

  it('fails bytes after the trailer', () => {
    const extra = Buffer.concat([binaryCopy([[text('a')]]), Buffer.from([0])]);
    expect(() => csvOf(['v'], [{ kind: 'plain' }], extra, 3)).toThrow(/after the end/);
  });
});
