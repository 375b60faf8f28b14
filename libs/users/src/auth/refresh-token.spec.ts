import { createHash } from 'node:crypto';
import { generateRefreshToken, hashRefreshToken, refreshTokenExpiry } from './refresh-token';

describe('refresh tokens', () => {
  it('are 32 random bytes, base64url', () => {
    const token = generateRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateRefreshToken()).not.toBe(token);
  });

  it('hash to sha256 hex', () => {
    expect(hashRefreshToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(hashRefreshToken('abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken('abd')).not.toBe(hashRefreshToken('abc'));
  });

  it('expire after the given number of days', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect(refreshTokenExpiry(now, 30).toISOString()).toBe('2024-01-31T00:00:00.000Z');
  });
});
