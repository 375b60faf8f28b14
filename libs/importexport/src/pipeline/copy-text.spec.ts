import { compileRecordTable, Invalid } from '@app/dataschema';
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

  it('writes as they are the values that validation gives emails, dates, timestamps, numbers and uuids (no escapes)', () => {
    const table = compileRecordTable('t', {
      name: 't',
      columns: [
        { name: 'e', type: 'email' },
        { name: 'd', type: 'date' },
        { name: 'ts', type: 'timestamp' },
        { name: 'b', type: 'bigint' },
        { name: 'x', type: 'decimal' },
        { name: 'u', type: 'uuid' },
      ],
    });
    const tricky = ['a\\b@x.io', 'a\tb@x.io', '2024-01-01\t', '\n2024-01-01T00:00:00Z\r', ' 12 ', '1.5\\', 'x\\'];
    for (const column of table.writable) {
      for (const input of tricky) {
        const value = column.coerce(input);
        if (value instanceof Invalid) continue;
        expect(copySerializer(column)(value)).toBe(escapeCopyText(String(value)));
      }
    }
  });
});
