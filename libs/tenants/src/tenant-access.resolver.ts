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

  async resolve(slug: string, user: AuthUser, versions?: CacheVersions): Promise<TenantContext | null> {
    if (!TENANT_SLUG_PATTERN.test(slug)) return null;
    const found = await this.cache.get(
      `${user.id} ${slug}`,
      async () => (await this.tenants.findAccess(slug, user.id)) ?? undefined,
      versions?.access,
    );
    if (!found || (!found.role && !user.isSuperadmin)) return null;
    return { tenantId: found.id, slug: found.slug, schemaName: found.schemaName, role: found.role, versions };
  }
}
