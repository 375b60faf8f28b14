import { InFileUniqueIndex, uniqueKeysOf } from './unique-keys';

describe('InFileUniqueIndex', () => {
  it('answers the first row of a key seen before, and nothing for a new key', () => {
    const index = new InFileUniqueIndex(['email']);
    expect(index.claim('a@x.io', 2)).toBeUndefined();
    expect(index.claim('b@x.io', 3)).toBeUndefined();
    expect(index.claim('a@x.io', 4)).toBe(2);
    expect(index.claim('a@x.io', 5)).toBe(2);
    expect(index.size).toBe(2);
  });

  it('tells apart keys that differ in one character, in length, or only beyond ASCII', () => {
    const index = new InFileUniqueIndex(['name']);
    const keys = ['', 'a', 'ab', 'abc', 'b', 'Björn', 'Bjorn', 'Bjӧrn', '😀', '😁', 'a\tb', 'a\\tb'];
    keys.forEach((key, i) => expect(index.claim(key, i)).toBeUndefined());
    keys.forEach((key, i) => expect(index.claim(key, 100 + i)).toBe(i));
  });

  it('keeps every key through reserve and many growths of its buffer and table', () => {
    const index = new InFileUniqueIndex(['email']);
    const count = 200_000;
    index.claim('seed', -2);
    index.reserve(1000, 10_000);
    const clashes: number[] = [];
    for (let i = 0; i < count; i++) if (index.claim(`customer${i}@example.com`, i) !== undefined) clashes.push(i);
    expect(clashes).toEqual([]);
    const found: Array<number | undefined> = [];
    for (let i = 0; i < count; i += 997) found.push(index.claim(`customer${i}@example.com`, -1));
    expect(found).toEqual(Array.from({ length: Math.ceil(count / 997) }, (_, k) => k * 997));
    expect(index.claim('customer200000@example.com', 1)).toBeUndefined();
    expect(index.size).toBe(count + 2);
  });
});

describe('uniqueKeysOf', () => {
  it('lists unique columns, then unique indexes', () => {
    expect(
      uniqueKeysOf({
        name: 't',
        columns: [
          { name: 'email', type: 'email', unique: true },
          { name: 'code', type: 'string' },
          { name: 'region', type: 'string' },
        ],
        indexes: [
          { columns: ['code', 'region'], unique: true },
          { columns: ['region'], unique: false },
        ],
      }),
    ).toEqual([['email'], ['code', 'region']]);
  });
});
