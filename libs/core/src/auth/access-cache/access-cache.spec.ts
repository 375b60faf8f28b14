import { AccessCache } from './access-cache';
import { AccessCacheVersion } from './access-cache-version';

const version = { onClear: () => undefined } as unknown as AccessCacheVersion;

describe('AccessCache.peek', () => {
  it('gives what get cached, under the same version only', async () => {
    const cache = new AccessCache<string>(version, { ttlMs: 60_000, maxEntries: 10 });
    expect(cache.peek('k', '1')).toBeUndefined();
    await cache.get('k', async () => 'v', '1');
    expect(cache.peek('k', '1')).toBe('v');
    expect(cache.peek('k', '2')).toBeUndefined();
    expect(cache.peek('k', null)).toBeUndefined();
    expect(cache.peek('k', undefined)).toBeUndefined();
  });

  it('gives nothing once the TTL has passed', async () => {
    const cache = new AccessCache<string>(version, { ttlMs: 1000, maxEntries: 10 });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      await cache.get('k', async () => 'v', '1');
      now.mockReturnValue(1_000_999);
      expect(cache.peek('k', '1')).toBe('v');
      now.mockReturnValue(1_001_000);
      expect(cache.peek('k', '1')).toBeUndefined();
    } finally {
      now.mockRestore();
    }
  });

  it('gives nothing when caching is off (TTL 0)', async () => {
    const cache = new AccessCache<string>(version, { ttlMs: 0, maxEntries: 10 });
    await cache.get('k', async () => 'v', '1');
    expect(cache.peek('k', '1')).toBeUndefined();
  });
});
