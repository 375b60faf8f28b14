import { parseTrustProxy } from './trust-proxy';

describe('parseTrustProxy', () => {
  it.each([
    ['false', false],
    ['0', false],
    ['', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['loopback,::1,fd00::/8', ['loopback', '::1', 'fd00::/8']],
  ])('reads %p', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['true', 'yes', 'on', '-1', '1.5', '10.0.0.0/33', '::/129', '10.0.0.1/8/1', 'proxy.example.com', 'a,,b'])(
    'refuses %p (true most of all: any client could choose its address)',
    (value) => {
      expect(parseTrustProxy(value)).toBeUndefined();
    },
  );

  it('keeps an already parsed value', () => {
    expect(parseTrustProxy(false)).toBe(false);
    expect(parseTrustProxy(3)).toBe(3);
    expect(parseTrustProxy(['127.0.0.1'])).toEqual(['127.0.0.1']);
    expect(parseTrustProxy(true)).toBeUndefined();
  });
});
