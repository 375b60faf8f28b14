import { canonicalJson, toCanonicalValue } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys by UTF-16 code units at every depth, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 3 }, B: 0 })).toBe(
      '{"B":0,"a":{"c":3,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    // U+E000 sorts before U+1F600 (surrogates D83D...) in UTF-16, after it in code points.
    expect(canonicalJson({ '\u{1F600}': 1, '\uE000': 2 })).toBe('{"\u{1F600}":1,"\uE000":2}');
  });

  it('writes a Date as its ISO string, the way JSON and jsonb store it', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(canonicalJson({ at })).toBe('{"at":"2026-01-02T03:04:05.678Z"}');
    expect(canonicalJson({ at })).toBe(canonicalJson(JSON.parse(JSON.stringify({ at }))));
    expect(toCanonicalValue(new Date('nope'))).toBeNull();
  });

  it('writes a bigint as its decimal string, like pg returns int8 and numeric', () => {
    expect(canonicalJson({ big: 12345678901234567890n, neg: -1n })).toBe('{"big":"12345678901234567890","neg":"-1"}');
  });

  it('keeps numeric strings as strings and numbers as JSON writes them', () => {
    expect(canonicalJson(['10.50', 10.5, 1e21, 1e-7, -0, 0.1 + 0.2])).toBe(
      '["10.50",10.5,1e+21,1e-7,0,0.30000000000000004]',
    );
    expect(canonicalJson([NaN, Infinity, -Infinity])).toBe('[null,null,null]');
  });

  it('leaves out undefined properties and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes bytes as \\x hex, as PostgreSQL prints bytea', () => {
    expect(canonicalJson({ bytes: Buffer.from([0, 255, 16]) })).toBe('{"bytes":"\\\\x00ff10"}');
  });

  it('replaces what jsonb cannot hold (NUL, lone surrogates) and keeps other unicode as is', () => {
    expect(toCanonicalValue('a\u0000b')).toBe('a\uFFFDb');
    expect(toCanonicalValue('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD');
    expect(toCanonicalValue('\u{1F600} é e\u0301 \u2028')).toBe('\u{1F600} é e\u0301 \u2028');
    expect(toCanonicalValue({ 'k\u0000': 1 })).toEqual({ 'k\uFFFD': 1 });
  });

  it('uses toJSON where an object defines it, and keeps a __proto__ key a plain key', () => {
    expect(canonicalJson({ v: { toJSON: () => 'custom' } })).toBe('{"v":"custom"}');
    const parsed = JSON.parse('{"__proto__":{"x":1}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1}}');
  });

  it('refuses values without a faithful JSON form', () => {
    expect(() => toCanonicalValue({ m: new Map() })).toThrow(/Map \(at \$\.m\)/);
    expect(() => toCanonicalValue({ f: () => 1 })).toThrow(/function/);
    expect(() => toCanonicalValue([Symbol('s')])).toThrow(/symbol \(at \$\[0\]\)/);
  });

  it('is idempotent: the canonical value of a canonical value is itself', () => {
    const value = toCanonicalValue({ d: new Date(0), n: 5n, s: 'x\u0000', a: [undefined] });
    expect(toCanonicalValue(value)).toEqual(value);
  });
});
