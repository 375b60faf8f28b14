import { AccessCache, AccessCacheVersion, AuthUser, Env, InjectEnv } from '@app/core';
import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../users.repository';

const MAX_CACHED_USERS = 10_000;

/**
 * The active user behind a verified token, cached per process (`AccessCache`): a deactivation or
 * a superadmin change still counts on the next request.
 */
@Injectable()
export class AuthenticatedUsers {
  private readonly cache: AccessCache<AuthUser>;

  constructor(
    @InjectEnv() env: Env,
    private readonly users: UsersRepository,
    version: AccessCacheVersion,
  ) {
    this.cache = new AccessCache(version, { ttlMs: env.AUTH_CACHE_TTL_SECONDS * 1000, maxEntries: MAX_CACHED_USERS });
  }

  /** The user as cached under `version`, if it is: `find` without waiting, for the common case. */
  cached(id: string, version: string | null): AuthUser | undefined {
    return this.cache.peek(id, version);
  }

  /** The user if it exists and is active; `version` is the access version the request read. */
  find(id: string, version: string | null): Promise<AuthUser | undefined> {
    return this.cache.get(id, () => this.activeUser(id), version);
  }

  private async activeUser(id: string): Promise<AuthUser | undefined> {
    const user = await this.users.findById(id);
    if (!user || !user.isActive) return undefined;
    return { id: user.id, email: user.email, isSuperadmin: user.isSuperadmin };
  }
}
