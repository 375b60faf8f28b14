import { numberLiteral, quoteLiteral, valueLiteral } from './ddl-literal';

describe('quoteLiteral', () => {
  it('wraps plain text in single quotes', () => {
    expect(quoteLiteral('lead')).toBe("'lead'");
  });

  it('doubles single quotes, so a quote cannot end the literal', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("'; DROP TABLE x; --")).toBe("'''; DROP TABLE x; --'");
  });

  it('uses the E form with doubled backslashes when the text holds a backslash', () => {
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(quoteLiteral("\\'")).toBe("E'\\\\'''");
  });

  it('keeps unicode and newlines as they are', () => {
    expect(quoteLiteral('Zoë\n日本')).toBe("'Zoë\n日本'");
  });

  it('refuses a NUL character', () => {
    expect(() => quoteLiteral('a\u0000b')).toThrow(/NUL/);
  });
});

describe('numberLiteral', () => {
  it.each([
    [0, '0'],
    [42, '42'],
    [1.5, '1.5'],
    [-3, '(-3)'],
    [1e21, '1e+21'],
  ])('renders %p as %s', (value, text) => {
    expect(numberLiteral(value)).toBe(text);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %p', (value) => {
    expect(() => numberLiteral(value)).toThrow();
  });
});

describe('valueLiteral', () => {
  it('renders each JSON kind', () => {
    expect(valueLiteral(true)).toBe('TRUE');
    expect(valueLiteral(false)).toBe('FALSE');
    expect(valueLiteral(null)).toBe('NULL');
    expect(valueLiteral(2.5)).toBe('2.5');
    expect(valueLiteral("o'k")).toBe("'o''k'");
    expect(valueLiteral({ a: "'" }, true)).toBe(`'{"a":"''"}'::jsonb`);
  });
});
