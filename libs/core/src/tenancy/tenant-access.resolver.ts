import type { CacheVersions } from '../auth/access-cache/access-cache-version';
import { AuthUser } from '../auth/auth-user';
import { TenantContext } from './tenant-context';

/** Finds the tenant a `:tenant` route names and the caller's role in it; provided by the tenants lib. */
export interface TenantAccessResolver {
  /** `versions`: what the request read at authentication; the answer carries them on. */
  resolve(slug: string, user: AuthUser, versions?: CacheVersions): Promise<TenantContext | null>;
}

export const TENANT_ACCESS_RESOLVER = Symbol('TENANT_ACCESS_RESOLVER');
