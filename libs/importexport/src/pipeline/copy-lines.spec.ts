import { BufferPool } from './buffer-pool';
import { copyFields, CopyLines } from './copy-lines';

describe('CopyLines', () => {
  const lines = (texts: string[], pool?: BufferPool) => {
    const out = new CopyLines(4, pool);
    for (const text of texts) out.push(text);
    return out;
  };

  it('encodes lines as they come, growing as needed, and reads each back', () => {
    const texts = ['a\tb\n', 'Björn\t\\N\n', 'x'.repeat(10_000) + '\n', '😀\tq\\tr\n'];
    const out = lines(texts);
    expect(out.count).toBe(4);
    expect(out.all().toString('utf8')).toBe(texts.join(''));
    expect(out.bytes).toBe(Buffer.byteLength(texts.join('')));
    expect(out.line(1)).toBe('Björn\t\\N');
    expect(out.field(1, 0)).toBe('Björn');
    expect(out.field(1, 1)).toBeNull();
    expect(out.field(3, 1)).toBe('q\tr');
    expect(() => out.field(0, 2)).toThrow();
  });

  it('encodes a line of fields as Buffer.from would the joined line: one to four bytes, lone surrogates as U+FFFD', () => {
    const rows = [
      ['a', 'Björn', '\\N'],
      ['€uro', '😀x', '𝄞'],
      ['\ud800', 'y\udc00', '\ud83d'],
      ['', 'z'.repeat(20_000), ''],
      [],
    ];
    const out = new CopyLines(4);
    for (const fields of [...rows, ['unused']]) out.pushFields(fields, Math.min(fields.length, 3));
    const expected = rows.map((fields) => fields.join('\t') + '\n').join('') + 'unused\n';
    expect(out.all()).toEqual(Buffer.from(expected));
    expect(out.count).toBe(6);
    expect(out.line(1)).toBe('€uro\t😀x\t𝄞');
    expect(out.field(3, 1)).toBe('z'.repeat(20_000));
  });

  it('drops the named lines in place', () => {
    const out = lines(['1\n', '22\n', '333\n', '4444\n']);
    expect(out.without(new Set([0, 2])).toString()).toBe('22\n4444\n');
    expect(lines(['1\n']).without(new Map()).toString()).toBe('1\n');
  });

  it('takes its buffer from a pool and gives it back, also when it grows', () => {
    const pool = new BufferPool();
    const first = lines(['a\n'], pool);
    const buffer = first.all().buffer;
    first.release();
    const second = lines(['b\n'], pool);
    expect(second.all().buffer).toBe(buffer);
    second.push('c'.repeat(100_000) + '\n');
    expect(second.line(1)).toBe('c'.repeat(100_000));
    second.release();
    // the 64 KiB buffer went back when it grew, the 128 KiB one on release
    expect(pool.take(1).buffer).toBe(buffer);
    expect(pool.take(100_000).length).toBe(128 * 1024);
  });
});

describe('copyFields', () => {
  it('splits on tabs and unescapes COPY text', () => {
    expect(copyFields('a\\tb\t\\N\tc\\\\d\te\\nf\t')).toEqual(['a\tb', null, 'c\\d', 'e\nf', '']);
  });
});

describe('BufferPool', () => {
  it('hands out power-of-two sizes from 64 KiB and keeps what it hands out', () => {
    const pool = new BufferPool();
    const a = pool.take(10);
    expect(a.length).toBe(64 * 1024);
    expect(pool.take(64 * 1024 + 1).length).toBe(128 * 1024);
    pool.give(a);
    expect(pool.take(20)).toBe(a);
    pool.give(Buffer.alloc(1000));
    expect(pool.take(1000).length).toBe(64 * 1024);
  });
});
