import { rateLimitVerdict } from './rate-limit-verdict';

describe('rateLimitVerdict', () => {
  const state = (limit: string, count: number, max: number, resetInMs = 30_000) => ({ limit, count, max, resetInMs });

  it('lets a request through while every count is within its maximum', () => {
    expect(rateLimitVerdict([state('address', 10, 10), state('pair', 1, 10)])).toBeNull();
    expect(rateLimitVerdict([])).toBeNull();
  });

  it('refuses when one count is over, with the seconds until that window resets', () => {
    expect(rateLimitVerdict([state('address', 3, 10), state('pair', 11, 10, 12_300)])).toEqual({
      limit: 'pair',
      retryAfterSeconds: 13,
    });
  });

  it('names the limit that resets last when several are over, and never says 0 seconds', () => {
    expect(rateLimitVerdict([state('a', 11, 10, 5_000), state('b', 200, 100, 50_000)])).toEqual({
      limit: 'b',
      retryAfterSeconds: 50,
    });
    expect(rateLimitVerdict([state('a', 11, 10, 0)])).toEqual({ limit: 'a', retryAfterSeconds: 1 });
  });
});
