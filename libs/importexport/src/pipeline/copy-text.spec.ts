import { COPY_NULL, copySerializer, escapeCopyText } from './copy-text';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return', () => {
    expect(escapeCopyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(escapeCopyText('C:\\new')).toBe('C:\\\\new');
  });

  it('leaves other text as it is, \\N included as data', () => {
    expect(escapeCopyText('plain "quoted", ü')).toBe('plain "quoted", ü');
    expect(escapeCopyText('\\N')).toBe('\\\\N');
  });

  it('writes null as \\N, booleans as t/f and numbers as they are', () => {
    expect(copySerializer({ type: 'text' })(null)).toBe(COPY_NULL);
    expect(copySerializer({ type: 'boolean' })(false)).toBe('f');
    expect(copySerializer({ type: 'integer' })(-12)).toBe('-12');
    expect(copySerializer({ type: 'json' })('{"a":"x\\ty"}')).toBe('{"a":"x\\\\ty"}');
  });
});
