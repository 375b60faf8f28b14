import { fastCanonicalText, fastCanonicalValue, LEFT_TO_CAREFUL_WALK } from './canonical-json-fast';
import { canonicalJson, carefulCanonicalJson, carefulCanonicalValue, toCanonicalValue } from './canonical-json';
import { SeededRandom } from '../../../test/utils/seeded-random';

/** Floats in [0, 1) from a seed, so a failure names a reproducible seed. */
function random(seed: number): () => number {
  const generator = new SeededRandom(seed);
  return () => generator.next();
}

const STRINGS = [
  '',
  'a',
  'B',
  'é',
  'e\u0301',
  '\u{1F600}',
  '\uE000',
  'a\u0000b',
  'x\uD800',
  '\uDC00y',
  '"\\\n',
  '10.5',
];
const NUMBERS = [0, -0, 1, -1.5, 1e21, 1e-7, 0.1 + 0.2, NaN, Infinity, -Infinity, 2 ** 53];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  switch (Math.floor(next() * (depth > 3 ? 6 : 10))) {
    case 0:
      return pick([null, undefined, true, false]);
    case 1:
      return pick(NUMBERS);
    case 2:
      return BigInt(Math.floor(next() * 1e6)) - 500000n;
    case 3:
      return pick(STRINGS);
    case 4:
      return pick([new Date(Math.floor(next() * 4e12)), new Date('nope')]);
    case 5:
      return Buffer.from([Math.floor(next() * 256), 0, 255]);
    case 6:
    case 7:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--)
        object[pick(STRINGS) + pick(['', 'k', '1'])] = value(next, depth + 1);
      if (next() < 0.1) return { toJSON: () => object };
      return object;
    }
  }
}

describe('the fast canonical walks', () => {
  it('answer exactly what the careful walk answers, on 5,000 generated values', () => {
    const next = random(11);
    for (let i = 0; i < 5000; i++) {
      const input = value(next, 0);
      expect(canonicalJson(input)).toBe(carefulCanonicalJson(input));
      expect(toCanonicalValue(input)).toEqual(carefulCanonicalValue(input, '$'));
    }
  });

  it('leave to the careful walk what it refuses, and keys canonicalisation changes', () => {
    for (const input of [{ m: new Map() }, [Symbol('s')], { f: () => 1 }, { 'k\u0000': 1, 'k\uFFFD': 2 }]) {
      expect(() => fastCanonicalText(input)).toThrow();
      expect(() => fastCanonicalValue(input)).toThrow();
    }
    expect(() => fastCanonicalValue(JSON.parse('{"__proto__":{"x":1}}'))).toThrow();
    try {
      fastCanonicalText({ m: new Set() });
    } catch (error) {
      expect(error).toBe(LEFT_TO_CAREFUL_WALK);
    }
    // Two keys that become one: the later value wins in the stored value and the text alike.
    expect(canonicalJson({ 'k\u0000': 1, 'k\uFFFD': 2 })).toBe('{"k\uFFFD":2}');
    expect(toCanonicalValue({ 'k\u0000': 1, 'k\uFFFD': 2 })).toEqual({ 'k\uFFFD': 2 });
  });

  it('write an array hole as the careful walk does', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const holey = [1, , 2];
    expect(canonicalJson(holey)).toBe(carefulCanonicalJson(holey));
  });
});
