import {
  AccessCache,
  AccessCacheVersion,
  AuthUser,
  CacheVersions,
  Env,
  InjectEnv,
  TenantAccessResolver,
  TenantContext,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { TENANT_SLUG_PATTERN } from './tenant-slug';
import { TenantAccessRow, TenantsRepository } from './tenants.repository';

const MAX_CACHED_ACCESS = 10_000;

/** The tenant as the request sees it, or null when the caller is neither a member nor a superadmin. */
function admitted(found: TenantAccessRow, user: AuthUser, versions: CacheVersions | undefined): TenantContext | null {
  if (!found.role && !user.isSuperadmin) return null;
  return { tenantId: found.id, slug: found.slug, schemaName: found.schemaName, role: found.role, versions };
}

/**
 * Resolves the `:tenant` of a request for `AccessPolicyGuard`: the tenant and the caller's role,
 * or null when the tenant does not exist or the caller may not see it (no member, no superadmin).
 * The tenant and role are cached per process (`AccessCache`): a role change counts on the next request.
 */
@Injectable()
export class TenantsAccessResolver implements TenantAccessResolver {
  private readonly cache: AccessCache<TenantAccessRow>;

  constructor(
    private readonly tenants: TenantsRepository,
    @InjectEnv() env: Env,
    version: AccessCacheVersion,
  ) {
    this.cache = new AccessCache(version, { ttlMs: env.AUTH_CACHE_TTL_SECONDS * 1000, maxEntries: MAX_CACHED_ACCESS });
  }

  resolve(
    slug: string,
    user: AuthUser,
    versions?: CacheVersions,
  ): TenantContext | null | Promise<TenantContext | null> {
    if (!TENANT_SLUG_PATTERN.test(slug)) return null;
    const key = `${user.id} ${slug}`;
    // The common case answers without a promise: the access read under the request's versions.
    const cached = versions ? this.cache.peek(key, versions.access) : undefined;
    if (cached) return admitted(cached, user, versions);
    return this.cache
      .get(key, async () => (await this.tenants.findAccess(slug, user.id)) ?? undefined, versions?.access)
      .then((found) => (found ? admitted(found, user, versions) : null));
  }
}
