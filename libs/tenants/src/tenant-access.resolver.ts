import { AuthUser, TenantAccessResolver, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { TENANT_SLUG_PATTERN } from './tenant-slug';
import { TenantsRepository } from './tenants.repository';

/**
 * Resolves the `:tenant` of a request for `AccessPolicyGuard`: the tenant and the caller's role,
 * or null when the tenant does not exist or the caller may not see it (no member, no superadmin).
 */
@Injectable()
export class TenantsAccessResolver implements TenantAccessResolver {
  constructor(private readonly tenants: TenantsRepository) {}

  async resolve(slug: string, user: AuthUser): Promise<TenantContext | null> {
    if (!TENANT_SLUG_PATTERN.test(slug)) return null;
    const found = await this.tenants.findAccess(slug, user.id);
    if (!found || (!found.role && !user.isSuperadmin)) return null;
    return { tenantId: found.id, slug: found.slug, schemaName: found.schemaName, role: found.role };
  }
}
