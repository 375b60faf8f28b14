import { COPY_GOES_ON, CopyOutFrames } from './copy-out-frames';

/** A backend message: its type, its length (itself included), its payload. */
function message(code: string, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(code, 0, 'latin1');
  head.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([head, payload]);
}

const PAYLOADS = ['PGCOPY\n\xff\r\n\0 header and a first row', '', 'x', 'a longer row '.repeat(20), '\xff\xff'].map(
  (s) => Buffer.from(s, 'latin1'),
);

/** What pg's own parser reads once the COPY is over. */
const AFTER = Buffer.concat([message('C', Buffer.from('COPY 4\0')), message('Z', Buffer.from('I'))]);

/** Feeds `input` cut into `size`-byte chunks; returns the data seen and what was handed back. */
function readInChunks(input: Buffer, size: number): { data: Buffer; rest: Buffer | undefined; done: boolean } {
  const data: Buffer[] = [];
  // a copy of each range: a later chunk may reuse nothing, but this proves the range is read at once
  const frames = new CopyOutFrames((chunk, start, end) => data.push(Buffer.from(chunk.subarray(start, end))));
  let rest: Buffer | undefined;
  for (let p = 0; p < input.length && rest === undefined; p += size) {
    const chunk = input.subarray(p, p + size);
    const at = frames.read(chunk);
    if (at !== COPY_GOES_ON) rest = Buffer.concat([chunk.subarray(at), input.subarray(p + size)]);
  }
  return { data: Buffer.concat(data), rest, done: frames.done };
}

describe('CopyOutFrames', () => {
  const copy = Buffer.concat([
    message('H', Buffer.from([1, 0, 0])),
    message('d', PAYLOADS[0]),
    message('N', Buffer.from('Snotice\0\0')),
    message('d', PAYLOADS[1]),
    message('S', Buffer.from('TimeZone\0UTC\0')),
    message('d', PAYLOADS[2]),
    message('d', PAYLOADS[3]),
    message('A', Buffer.from([0, 0, 0, 1, 0, 0])),
    message('d', PAYLOADS[4]),
    message('c'),
  ]);

  it('hands on every CopyData payload, skips the rest, and gives back what follows CopyDone, however cut', () => {
    for (let size = 1; size <= copy.length + AFTER.length; size++) {
      const { data, rest, done } = readInChunks(Buffer.concat([copy, AFTER]), size);
      expect({ size, data: data.toString('latin1') }).toEqual({
        size,
        data: Buffer.concat(PAYLOADS).toString('latin1'),
      });
      expect(rest).toEqual(AFTER);
      expect(done).toBe(true);
    }
  });

  it('stops before an ErrorResponse, so pg reads it whole, however cut', () => {
    const error = message('E', Buffer.from('SERROR\0C22012\0Mdivision by zero\0\0'));
    const input = Buffer.concat([message('H', Buffer.from([1, 0, 0])), message('d', PAYLOADS[0]), error, AFTER]);
    for (let size = 1; size <= input.length; size++) {
      const { data, rest, done } = readInChunks(input, size);
      expect(data).toEqual(PAYLOADS[0]);
      expect(rest).toEqual(Buffer.concat([error, AFTER]));
      expect(done).toBe(false);
    }
  });

  it('refuses a message length below its own four bytes', () => {
    const frames = new CopyOutFrames(() => undefined);
    expect(() => frames.read(Buffer.from([0x64, 0, 0, 0, 3]))).toThrow(/length 3/);
  });
});
