import { holdsUnsafeString, unsafeStringDetails } from './unsafe-strings';

describe('unsafeStringDetails', () => {
  it('accepts ordinary text, emoji and other types', () => {
    expect(unsafeStringDetails({ name: 'Zoë 🎉', n: 1, ok: true, none: null, list: ['a', { b: 'c' }] })).toEqual([]);
  });

  it('names the path of every string holding a NUL byte', () => {
    expect(
      unsafeStringDetails({ name: 'a\u0000b', filter: { search: '\u0000' }, rows: [{}, { email: 'x\u0000' }] }),
    ).toEqual([
      { field: 'name', message: 'must not contain a NUL character' },
      { field: 'filter.search', message: 'must not contain a NUL character' },
      { field: 'rows.1.email', message: 'must not contain a NUL character' },
    ]);
  });

  it('refuses lone surrogates but not surrogate pairs', () => {
    expect(unsafeStringDetails({ a: '\ud83c\udf89', b: 'x\ud800', c: '\udc00y' }).map((d) => d.field)).toEqual([
      'b',
      'c',
    ]);
  });

  it('checks keys, and a bare string body', () => {
    expect(unsafeStringDetails({ doc: { 'k\u0000': 1 } })).toEqual([
      { field: 'doc', message: 'has a key that must not contain a NUL character' },
    ]);
    expect(unsafeStringDetails('\u0000')).toEqual([{ field: 'body', message: 'must not contain a NUL character' }]);
  });
});

describe('holdsUnsafeString', () => {
  const deep = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { a: deep(levels - 1, leaf) });

  it.each([
    ['clean text', { name: 'Zoë 🎉', n: 1, ok: true, none: null, list: ['a', { b: 'c' }] }],
    ['a NUL in a nested array', { rows: [{}, { email: 'x\u0000' }] }],
    ['a lone surrogate', { c: '\udc00y' }],
    ['a NUL in a key', { doc: { 'k\u0000': 1 } }],
    ['a bare string', '\u0000'],
    ['nothing', undefined],
    ['a NUL within the depth limit', deep(60, '\u0000')],
    ['a NUL beyond the depth limit', deep(70, '\u0000')],
  ])('agrees with unsafeStringDetails on %s', (_, value) => {
    expect(holdsUnsafeString(value)).toBe(unsafeStringDetails(value).length > 0);
  });
});
