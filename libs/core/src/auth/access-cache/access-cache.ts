import { AccessCacheVersion } from './access-cache-version';

interface Entry<V> {
  value: V;
  version: string;
  expiresAt: number;
}

export interface AccessCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

/**
 * A per-process cache of what authentication reads on every request. An entry is served only
 * while the shared version it was read under is still current (a change anywhere bumps it) and
 * its TTL has not passed; without a version (Redis unreachable) every lookup loads.
 * `load` returning undefined is not cached: only grants are, never refusals.
 */
export class AccessCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly version: AccessCacheVersion,
    private readonly options: AccessCacheOptions,
  ) {
    version.onClear(() => this.entries.clear());
  }

  /**
   * The entry of `key` if it was read under `version` and its TTL has not passed, without waiting:
   * the common case of `get`, for callers that can skip a promise when the answer is at hand.
   */
  peek(key: string, version: string | null | undefined): V | undefined {
    if (version == null || this.options.ttlMs <= 0) return undefined;
    const entry = this.entries.get(key);
    return entry !== undefined && entry.version === version && entry.expiresAt > Date.now() ? entry.value : undefined;
  }

  /**
   * The entry of `key` if it was read under `version`, else what `load` answers. `version` is the
   * access version the request read (`CacheVersions.access`); without it the cache reads it.
   */
  async get(key: string, load: () => Promise<V | undefined>, version?: string | null): Promise<V | undefined> {
    if (this.options.ttlMs <= 0) return load();
    if (version === undefined) version = await this.version.current();
    if (version === null) return load();
    const entry = this.entries.get(key);
    if (entry && entry.version === version && entry.expiresAt > Date.now()) return entry.value;
    const value = await load();
    if (value === undefined) {
      this.entries.delete(key);
      return value;
    }
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, version, expiresAt: Date.now() + this.options.ttlMs });
    return value;
  }
}
