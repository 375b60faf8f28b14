import { describe, expect, it } from '@jest/globals';
import { detectDelimiter, parseCsvRecords, previewCsv } from './csv-preview';
import { arrayElements, previewJsonArray, previewNdjson } from './json-preview';

describe('CSV preview', () => {
  it('picks the delimiter as the import does: the most frequent outside quotes, comma on a tie', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('"x;y;z",b\n')).toBe(',');
    expect(detectDelimiter('a;b,c\n')).toBe(',');
    expect(detectDelimiter('single\n')).toBe(',');
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and any line ending', () => {
    const text = 'a,b\r\n"1,5","say ""hi"""\r"multi\nline",x\n';
    expect(parseCsvRecords(text, ',', true, 10)).toEqual([
      ['a', 'b'],
      ['1,5', 'say "hi"'],
      ['multi\nline', 'x'],
    ]);
  });

  it('leaves out a record that the read slice cuts off', () => {
    expect(parseCsvRecords('a,b\n1,2\n3,"unfinished', ',', false, 10)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsvRecords('a,b\n1,2\n3,4', ',', false, 10)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsvRecords('a,b\n1,2\n3,4', ',', true, 10)).toHaveLength(3);
  });

  it('numbers rows as the error report does (header = 1, blank lines counted but skipped)', () => {
    const preview = previewCsv('email,name\n\nx@y.z,X\nw@y.z,W,extra\n', true, 10);
    expect(preview.headers).toEqual(['email', 'name']);
    expect(preview.rows).toEqual([
      ['x@y.z', 'X'],
      ['w@y.z', 'W', 'extra'],
    ]);
    expect(preview.rowNumbers).toEqual([3, 4]);
    expect(preview.more).toBe(false);
    expect(preview.notes).toContain(
      '1 of the rows shown have more or fewer cells than the header: they will be bad rows.',
    );
  });

  it('says when the file has more rows than shown', () => {
    const lines = ['n', ...Array.from({ length: 15 }, (_, i) => String(i))].join('\n');
    const preview = previewCsv(lines, true, 10);
    expect(preview.rows).toHaveLength(10);
    expect(preview.more).toBe(true);
  });

  it('refuses a file without a header row', () => {
    expect(() => previewCsv('\n\n', true, 10)).toThrow(/no header row/);
  });
});

describe('JSON and NDJSON preview', () => {
  it('cuts the first elements of an array, brackets and commas inside strings included', () => {
    const text = '[ {"a": "x,]}"}, {"a": [1, 2]} , {"a": 3}';
    expect(arrayElements(text, false, 10)).toEqual({ elements: ['{"a": "x,]}"}', '{"a": [1, 2]}'], more: true });
    expect(arrayElements('[{"a":1}]', true, 10)).toEqual({ elements: ['{"a":1}'], more: false });
    expect(arrayElements('[{"a":1},{"a":2}]', true, 1)).toEqual({ elements: ['{"a":1}'], more: true });
  });

  it('takes headers from the keys, in order of first sight, and marks elements that are not objects', () => {
    const preview = previewJsonArray('[{"email":"a@b.c","age":3},{"name":"N","tags":["x"]},7]', true, 10);
    expect(preview.headers).toEqual(['email', 'age', 'name', 'tags']);
    expect(preview.rows[1]).toEqual(['', '', 'N', '["x"]']);
    expect(preview.rowNumbers).toEqual([1, 2, 3]);
    expect(preview.notes).toEqual(['Row 3 is not an object: it will be a bad row.']);
  });

  it('refuses what is not an array', () => {
    expect(() => previewJsonArray('{"a":1}', true, 10)).toThrow(/not a JSON array/);
    expect(() => previewJsonArray('[]', true, 10)).toThrow(/empty/);
  });

  it('numbers NDJSON rows by line, skipping blank lines and a line the slice cuts off', () => {
    const preview = previewNdjson('{"a":1}\n\n{"a":2}\n{"a":', false, 10);
    expect(preview.rows).toEqual([['1'], ['2']]);
    expect(preview.rowNumbers).toEqual([1, 3]);
    expect(preview.more).toBe(true);
  });
});
