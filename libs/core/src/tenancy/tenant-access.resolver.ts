import type { CacheVersions } from '../auth/access-cache/access-cache-version';
import { AuthUser } from '../auth/auth-user';
import { TenantContext } from './tenant-context';

/** Finds the tenant a `:tenant` route names and the caller's role in it; provided by the tenants lib. */
export interface TenantAccessResolver {
  /**
   * `versions`: what the request read at authentication; the answer carries them on. Answers at
   * once (no promise) when the answer is at hand, so the request path skips a turn of the loop.
   */
  resolve(slug: string, user: AuthUser, versions?: CacheVersions): TenantContext | null | Promise<TenantContext | null>;
}

export const TENANT_ACCESS_RESOLVER = Symbol('TENANT_ACCESS_RESOLVER');
